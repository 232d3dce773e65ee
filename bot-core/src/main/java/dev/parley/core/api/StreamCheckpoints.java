package dev.parley.core.api;

import java.util.Optional;

/**
 * Where each conversation's natively streamed answer stands, shared by every instance: an
 * instance that finds a checkpoint its conversation's previous answer left behind knows that
 * answer's instance died mid-stream, and closes that stream. At most one per conversation, since
 * a conversation answers one message at a time. Implementations are thread-safe; a store failure
 * is thrown as an unchecked exception, which callers treat as "no checkpoint" (the stream still
 * works, only its recovery does not).
 */
public interface StreamCheckpoints {

  /** Records {@code checkpoint} as the conversation's, replacing any earlier one. */
  void save(ConversationKey key, StreamCheckpoint checkpoint);

  /** The conversation's checkpoint; empty when none is kept. */
  Optional<StreamCheckpoint> load(ConversationKey key);

  /**
   * Forgets the conversation's checkpoint if it is still the one for {@code messageId}, so that
   * a late clear never drops a newer answer's checkpoint.
   */
  void clear(ConversationKey key, String messageId);
}
