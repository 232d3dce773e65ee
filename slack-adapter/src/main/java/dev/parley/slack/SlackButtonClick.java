package dev.parley.slack;

import dev.parley.core.api.ConversationKey;
import java.util.Objects;

/**
 * A click on one of the reply's buttons ({@code block_actions}).
 *
 * @param value the button's value as the click carried it, checked where it matters (Stop)
 * @param userId who clicked, as Slack reports it
 */
record SlackButtonClick(String actionId, String value, ConversationKey key, String messageTs, String userId) {
  public SlackButtonClick {
    Objects.requireNonNull(actionId, "actionId");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(userId, "userId");
  }
}
