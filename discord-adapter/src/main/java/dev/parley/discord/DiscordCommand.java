package dev.parley.discord;

import dev.parley.core.api.AccessRequest;
import dev.parley.core.api.Attachment;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.NewTicket;
import java.util.List;
import java.util.Objects;

/**
 * A slash command, mapped ({@link DiscordEventMapper#command}): what it asks for in the core's
 * terms. Pure values; the command handler only performs the I/O.
 *
 * @param conversation the thread or DM it belongs to; null in a plain guild channel, where each
 *     {@code /ask} starts a conversation keyed by its answer
 * @param access what access control checks before anything is shown
 */
record DiscordCommand(DiscordEventMapper.InteractionView interaction, ConversationKey conversation,
    AccessRequest access) {

  DiscordCommand {
    Objects.requireNonNull(interaction, "interaction");
    Objects.requireNonNull(access, "access");
  }

  String name() {
    return interaction.name();
  }

  /** The conversation, or else the channel: where {@code /model} and {@code /ticket} apply. */
  ConversationKey scope() {
    return access.settingsKey();
  }

  /** {@code /ask}'s question. */
  String prompt() {
    return string("prompt", "");
  }

  /** {@code /ask}'s file, if one was attached; never a voice message, which only a message can be. */
  List<Attachment> attachments() {
    return interaction.options().get(DiscordCommands.ATTACHMENT) instanceof DiscordEventMapper.AttachmentView file
        ? DiscordEventMapper.attachments(List.of(file), false)
        : List.of();
  }

  /** Whether {@code /ask} was asked privately: its answer, and any regenerated one, is ephemeral. */
  boolean privately() {
    return interaction.options().get("private") instanceof Boolean flag && flag;
  }

  /** {@code /model}'s wanted model, or null to show the current one. */
  String model() {
    return string("name", null);
  }

  /**
   * {@code /ask} as a core message. In a plain guild channel the conversation is keyed by the
   * answer, the deferred response, which exists only once the deferral was acknowledged.
   *
   * @param answerId the deferred response's id; used only in a plain guild channel
   */
  IncomingMessage askMessage(String answerId) {
    ConversationKey key = conversation != null ? conversation
        : DiscordEventMapper.guildKey(interaction.guildId(), interaction.channelId(), answerId);
    String permalink = interaction.guildId() != null && answerId != null
        ? "https://discord.com/channels/" + interaction.guildId() + "/" + interaction.channelId() + "/" + answerId
        : null;
    return new IncomingMessage(interaction.id(), key, interaction.userId(), interaction.userName(), prompt(), permalink,
        interaction.createdAt(), attachments());
  }

  /**
   * {@code /ticket} as a new ticket in the conversation, or else the channel.
   *
   * @throws IllegalArgumentException when the title or description is not acceptable; the
   *     message says why
   */
  NewTicket ticket() {
    return new NewTicket(string("title", ""), string("description", ""), null, interaction.userId(),
        interaction.userName(), scope(), null);
  }

  private String string(String option, String fallback) {
    return interaction.options().get(option) instanceof String value ? value : fallback;
  }
}
