package dev.parley.slack;

import dev.parley.core.conversation.ConversationKey;
import java.util.Objects;

/** A click on one of the reply's buttons ({@code block_actions}). */
public record SlackButtonClick(String actionId, ConversationKey key, String messageTs, String userId) {
  public SlackButtonClick {
    Objects.requireNonNull(actionId, "actionId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(userId, "userId");
  }
}
