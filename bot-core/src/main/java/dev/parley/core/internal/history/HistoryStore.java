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

  /** Forgets one conversation. Other conversations are untouched. */
  void clear(ConversationKey key);
}
