package dev.parley.discord;

import dev.parley.core.api.ConversationKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last question of each recent conversation: what was asked, by whom, and whether the answer
 * was private. Regenerate asks it again (privately if it was private), and Stop and Regenerate
 * act only for that person or an admin. In memory and bounded: after a restart, or on another
 * instance, Regenerate says it can no longer ask again.
 *
 * <p>Keeping the asker here rather than in the button's custom id is what makes a forged custom
 * id worthless: the id only names a conversation, and the rights come from what this bot
 * remembered. It works because Discord delivers a guild's interactions to the shard that runs the
 * guild (DMs to shard 0), the one process that took the question and streams its answer.
 */
final class RecentPrompts {
  /** One question, as it was asked. */
  record Ask(String prompt, String askerId, boolean ephemeral) {
    Ask {
      Objects.requireNonNull(prompt, "prompt");
      Objects.requireNonNull(askerId, "askerId");
    }
  }

  private final int capacity;
  private final Map<ConversationKey, Ask> asks;

  RecentPrompts(int capacity) {
    this.capacity = capacity;
    this.asks = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ConversationKey, Ask> eldest) {
        return size() > RecentPrompts.this.capacity;
      }
    };
  }

  synchronized void remember(ConversationKey key, Ask ask) {
    asks.put(key, ask);
  }

  synchronized Optional<Ask> last(ConversationKey key) {
    return Optional.ofNullable(asks.get(key));
  }
}
