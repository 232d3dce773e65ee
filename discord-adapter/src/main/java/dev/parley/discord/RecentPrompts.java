package dev.parley.discord;

import dev.parley.core.conversation.ConversationKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last prompt of each recent conversation, for the Regenerate button. In memory and bounded:
 * after a restart, or on another instance, Regenerate says it can no longer ask again.
 */
final class RecentPrompts {
  private final int capacity;
  private final Map<ConversationKey, String> prompts;

  RecentPrompts(int capacity) {
    this.capacity = capacity;
    this.prompts = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ConversationKey, String> eldest) {
        return size() > RecentPrompts.this.capacity;
      }
    };
  }

  synchronized void remember(ConversationKey key, String prompt) {
    prompts.put(key, prompt);
  }

  synchronized Optional<String> last(ConversationKey key) {
    return Optional.ofNullable(prompts.get(key));
  }
}
