package dev.parley.discord;

import dev.parley.core.api.ConversationKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who asked the latest accepted question of each recent conversation, so that Stop acts only for
 * that person or an admin. Stop is the one thing that needs it: it applies to an answer still
 * being written, whose question the core stores only with the answer, so the stored history
 * cannot tell yet. (Regenerate applies to a finished answer; the core decides it from the stored
 * question.) In memory and bounded, which suffices: Discord delivers a guild's interactions to the
 * shard that runs the guild (DMs to shard 0), the one process that took the question and streams
 * its answer, and an answer does not outlive its process.
 *
 * <p>Keeping the asker here rather than in the button's custom id is what makes a forged custom
 * id worthless: the id only names a conversation, and the right comes from what this bot saw.
 */
final class LatestAskers {
  private final int capacity;
  private final Map<ConversationKey, String> askers;

  LatestAskers(int capacity) {
    this.capacity = capacity;
    this.askers = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ConversationKey, String> eldest) {
        return size() > LatestAskers.this.capacity;
      }
    };
  }

  synchronized void remember(ConversationKey key, String askerId) {
    askers.put(key, Objects.requireNonNull(askerId, "askerId"));
  }

  /** Remembers {@code askerId} unless someone is remembered for the conversation already. */
  synchronized void rememberIfNone(ConversationKey key, String askerId) {
    askers.putIfAbsent(key, Objects.requireNonNull(askerId, "askerId"));
  }

  /** The asker of the conversation's latest question; empty when this instance did not see it. */
  synchronized Optional<String> asker(ConversationKey key) {
    return Optional.ofNullable(askers.get(key));
  }
}
