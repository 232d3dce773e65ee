package dev.parley.core.internal.history;

import dev.parley.core.api.ConversationKey;
import java.util.List;

/**
 * Keeps each conversation's turns. Implementations are thread-safe and may be shared by several
 * bot processes (Redis); the in-memory twin serves one process.
 *
 * <p>Each conversation has a <em>generation</em> that {@link #clear} moves on. A turn reads it
 * when its message arrives and appends with {@link #append(ConversationKey, long, List)}, which
 * refuses the turns once a reset came in between: an answer that began before a {@code /reset}
 * must not land in the history after it, however late it finishes and on whichever instance.
 */
public interface HistoryStore {

  /** The stored turns, oldest first; empty for an unknown conversation. */
  List<Turn> load(ConversationKey key);

  /**
   * Appends turns atomically, in order, in one round trip: append, trim to the caps of
   * {@link HistoryLimits} (turns and bytes; oldest dropped first, a tool call never separated
   * from its results), renew the TTL. Turns that belong together (an assistant tool call and its
   * results) are passed in one call. Whatever the generation: a turn of a conversation uses
   * {@link #append(ConversationKey, long, List)} instead.
   */
  void append(ConversationKey key, List<Turn> turns);

  /**
   * The conversation's current generation: 0 until its first {@link #clear}, then higher after
   * each one. One round trip; never null.
   */
  long generation(ConversationKey key);

  /**
   * As {@link #append(ConversationKey, List)}, in the same atomic step, but only while the
   * conversation is still at {@code generation}.
   *
   * @return false, having written nothing, when the conversation was cleared since
   *     {@code generation} was read
   */
  boolean append(ConversationKey key, long generation, List<Turn> turns);

  /**
   * Forgets one conversation and moves its generation on, in one atomic step, so appends of turns
   * that began before are refused. Other conversations are untouched.
   *
   * @return the new generation
   */
  long clear(ConversationKey key);

  /**
   * Removes the answer to the conversation's last question, atomically: every turn after the last
   * user turn (the answer, and any tool calls and results on the way to it), provided that user
   * turn is {@code question}. The question itself stays. When the last user turn is another one
   * (the conversation moved on, or was reset) or there is none, nothing changes.
   *
   * @return whether the last user turn was {@code question}, so its answer is gone now
   */
  boolean removeAnswerTo(ConversationKey key, Turn question);
}
