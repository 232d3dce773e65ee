package dev.parley.discord;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.RegenerateRequest;
import java.util.Objects;

/**
 * A click on an answer's button, mapped ({@link DiscordEventMapper#click}). The clicker is who
 * Discord says clicked, over the gateway; the custom id names only the conversation.
 */
record DiscordClick(ReplyButtons.Click button, DiscordEventMapper.InteractionView interaction) {

  DiscordClick {
    Objects.requireNonNull(button, "button");
    Objects.requireNonNull(interaction, "interaction");
  }

  ReplyButtons.Kind kind() {
    return button.kind();
  }

  ConversationKey conversation() {
    return button.key();
  }

  String userId() {
    return interaction.userId();
  }

  /** The message the button is on: for feedback, the answer rated. */
  String messageId() {
    return interaction.messageId();
  }

  /** Whether the answer was private, so a regenerated one is too. */
  boolean privately() {
    return button.privately();
  }

  RegenerateRequest regenerateRequest() {
    return new RegenerateRequest(interaction.id(), button.key(), interaction.userId(), interaction.createdAt());
  }
}
