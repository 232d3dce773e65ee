package dev.parley.discord;

import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.engine.Conversations;
import dev.parley.core.tickets.NewTicket;
import dev.parley.core.tickets.Ticket;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/** The slash commands: {@code /ask}, {@code /reset}, {@code /model} and {@code /ticket}. */
final class CommandHandler {
  static final int MAX_CHOICES = 25;
  static final String NO_CONVERSATION =
      "There is no conversation here: use this inside an answer's thread or in a DM.";

  static final String ADMINS_ONLY = "Only administrators can switch the model here.";

  private final Conversations conversations;
  private final AskHandler ask;
  private final boolean adminOnlyModelSwitch;

  CommandHandler(Conversations conversations, AskHandler ask, boolean adminOnlyModelSwitch) {
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.ask = Objects.requireNonNull(ask, "ask");
    this.adminOnlyModelSwitch = adminOnlyModelSwitch;
  }

  void onSlashCommand(SlashCommandInteractionEvent event) {
    switch (event.getName()) {
      case DiscordCommands.ASK -> ask.ask(event, event.getOption("prompt", "", OptionMapping::getAsString),
          event.getOption("private", false, OptionMapping::getAsBoolean), conversationOf(event));
      case DiscordCommands.RESET -> reset(event);
      case DiscordCommands.MODEL -> model(event);
      case DiscordCommands.TICKET -> ticket(event);
      default -> DiscordReplies.notice(event, "I do not know that command.").setEphemeral(true).queue();
    }
  }

  void onAutoComplete(CommandAutoCompleteInteractionEvent event) {
    if (!DiscordCommands.MODEL.equals(event.getName())) return;
    String typed = event.getFocusedOption().getValue().toLowerCase(Locale.ROOT);
    List<String> matches = conversations.availableModels().stream()
        .filter(model -> model.toLowerCase(Locale.ROOT).contains(typed))
        .limit(MAX_CHOICES)
        .toList();
    event.replyChoiceStrings(matches).queue();
  }

  /**
   * The conversation an interaction belongs to: its thread, or its DM. Null in a plain guild
   * channel, where each {@code /ask} starts a new conversation.
   */
  static ConversationKey conversationOf(Interaction interaction) {
    var channel = interaction.getChannel();
    if (interaction.getGuild() == null) return DiscordMessageMapper.dmKey(interaction.getChannelId());
    if (channel instanceof ThreadChannel thread) {
      return DiscordMessageMapper.guildKey(interaction.getGuild().getId(), thread.getParentChannel().getId(),
          thread.getId());
    }
    return null;
  }

  private void reset(SlashCommandInteractionEvent event) {
    ConversationKey key = conversationOf(event);
    if (key == null) {
      DiscordReplies.notice(event, NO_CONVERSATION).setEphemeral(true).queue();
      return;
    }
    conversations.reset(key);
    DiscordReplies.notice(event, "Conversation cleared: I have forgotten everything said here.").queue();
  }

  private void model(SlashCommandInteractionEvent event) {
    String wanted = event.getOption("name", null, OptionMapping::getAsString);
    ConversationKey key = conversationOf(event);
    ConversationKey scope = key != null ? key
        : DiscordMessageMapper.channelScopeKey(event.getGuild().getId(), event.getChannelId());
    if (wanted == null) {
      DiscordReplies.notice(event, "This conversation uses `" + conversations.currentModel(scope) + "`.")
          .setEphemeral(true).queue();
    } else if (adminOnlyModelSwitch && event.getMember() != null
        && !event.getMember().hasPermission(Permission.ADMINISTRATOR)) {
      DiscordReplies.notice(event, ADMINS_ONLY).setEphemeral(true).queue();
    } else if (key == null) {
      DiscordReplies.notice(event, NO_CONVERSATION).setEphemeral(true).queue();
    } else {
      switchModel(event, key, wanted);
    }
  }

  private void switchModel(SlashCommandInteractionEvent event, ConversationKey key, String model) {
    try {
      conversations.switchModel(key, model);
      DiscordReplies.notice(event, "Switched this conversation to `" + model + "`.").queue();
    } catch (IllegalArgumentException e) {
      DiscordReplies.notice(event, "There is no model `" + model + "`; pick one from the list.")
          .setEphemeral(true).queue();
    }
  }

  private void ticket(SlashCommandInteractionEvent event) {
    ConversationKey key = conversationOf(event);
    if (key == null) key = DiscordMessageMapper.channelScopeKey(event.getGuild().getId(), event.getChannelId());
    var user = event.getUser();
    NewTicket request;
    try {
      request = new NewTicket(event.getOption("title", "", OptionMapping::getAsString),
          event.getOption("description", "", OptionMapping::getAsString), null, user.getId(), user.getName(),
          key, null);
    } catch (IllegalArgumentException e) {
      DiscordReplies.notice(event, "I cannot open that ticket: " + e.getMessage()).setEphemeral(true).queue();
      return;
    }
    Ticket ticket = conversations.createTicket(request, "discord:" + event.getId());
    DiscordReplies.notice(event, "Ticket **" + ticket.id() + "** opened: " + ticket.title())
        .queue();
  }
}
