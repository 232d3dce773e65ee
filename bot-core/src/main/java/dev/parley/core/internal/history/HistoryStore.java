package dev.parley.core.internal.history;

import dev.parley.core.api.ConversationKey;

import java.util.List;

/**
 * Keeps each conversation's turns. Implementations are thread-safe and may be shared by several
 * bot processes (Redis); the in-memory twin serves one process.
 */
public interface HistoryStore {

  /** The stored turns, oldest first; empty for an unknown conversation. */
  List<Turn> load(ConversationKey key);

  /**
   * Appends turns atomically, in order, in one round trip: append, trim to the caps of
   * {@link HistoryLimits} (turns and bytes; oldest dropped first, a tool call never separated
   * from its results), renew the TTL. Turns that belong together (an assistant tool call and its
   * results) are passed in one call.
   */
  void append(ConversationKey key, List<Turn> turns);

  /**
   * Removes the answer to the conversation's last question, atomically: every turn after the last
   * user turn (the answer, and any tool calls and results on the way to it), provided that user
   * turn is {@code question}. The question itself stays. When the last user turn is another one
   * (the conversation moved on, or was reset) or there is none, nothing changes.
   *
   * @return whether the last user turn was {@code question}, so its answer is gone now
   */
  boolean removeAnswerTo(ConversationKey key, Turn question);

  /** Forgets one conversation. Other conversations are untouched. */
  void clear(ConversationKey key);
}
