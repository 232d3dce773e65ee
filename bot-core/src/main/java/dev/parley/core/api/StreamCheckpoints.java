package dev.parley.core.api;

import java.util.Optional;

/**
 * Where each conversation's natively streamed answer stands, shared by every instance: an
 * instance that finds a checkpoint its conversation's previous answer left behind knows that
 * answer's instance died mid-stream, and closes that stream. At most one per conversation, since
 * a conversation answers one message at a time. Implementations are thread-safe; a store failure
 * is thrown as an unchecked exception, which callers treat as "no checkpoint" (the stream still
 * works, only its recovery does not).
 *
 * <p>Each call is one store round trip, so a stream saves only when what a recovering instance
 * needs changes (a new stream message, a new control message), not as its text grows; the first
 * save of an answer also tells it what an earlier answer left behind, without a separate load.
 */
public interface StreamCheckpoints {

  /**
   * Records {@code checkpoint} as the conversation's, replacing any earlier one, in one atomic
   * step, like {@link java.util.Map#put}.
   *
   * @return the checkpoint it replaced; empty when none was kept
   */
  Optional<StreamCheckpoint> save(ConversationKey key, StreamCheckpoint checkpoint);

  /** The conversation's checkpoint; empty when none is kept. For an answer that never saved one. */
  Optional<StreamCheckpoint> load(ConversationKey key);

  /**
   * Forgets the conversation's checkpoint if it is still the one for {@code messageId}, so that
   * a late clear never drops a newer answer's checkpoint.
   */
  void clear(ConversationKey key, String messageId);
}
