package dev.parley.discord;

import dev.parley.core.api.TicketOutcome;
import dev.parley.core.api.TicketDesk;
import dev.parley.core.api.ModelChoice;
import dev.parley.core.api.BotCore;
import dev.parley.core.api.AccessGate;
import dev.parley.core.api.AccessRequest;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slash commands: {@code /ask}, {@code /reset}, {@code /model} and {@code /ticket}. Each is
 * checked against the allow-lists first, before the deferral or any other request: a refused
 * command gets a short private notice once per person, channel and hour, and no answer after that
 * (Discord then shows its own "the application did not respond").
 */
final class CommandHandler {
  private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);
  static final int MAX_CHOICES = 25;
  static final String NO_CONVERSATION =
      "There is no conversation here: use this inside an answer's thread or in a DM.";

  static final String ADMINS_ONLY = "Only administrators can switch the model here.";

  private final Conversations conversations;
  private final ModelChoice models;
  private final TicketDesk tickets;
  private final AskHandler ask;
  private final boolean adminOnlyModelSwitch;
  private final AccessGate access;

  CommandHandler(BotCore core, AskHandler ask, boolean adminOnlyModelSwitch) {
    this.conversations = core.conversations();
    this.models = core.models();
    this.tickets = core.tickets();
    this.access = core.access();
    this.ask = Objects.requireNonNull(ask, "ask");
    this.adminOnlyModelSwitch = adminOnlyModelSwitch;
  }

  void onSlashCommand(SlashCommandInteractionEvent event) {
    AccessGate.Verdict verdict = access.admit(accessRequest(event), true);
    if (!verdict.allowed()) {
      log.debug("command refused; command={} guild={} channel={} user={}", event.getName(),
          event.getGuild() == null ? null : event.getGuild().getId(), event.getChannelId(), event.getUser().getId());
      if (verdict == AccessGate.Verdict.REFUSED_WITH_NOTICE) {
        DiscordReplies.notice(event, AccessGate.NOT_ALLOWED).setEphemeral(true).queue();
      }
      return;
    }
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
    // Not a request for an answer, so not counted; but a refused person learns nothing either.
    if (!access.check(accessRequest(event)).allowed()) return;
    String typed = event.getFocusedOption().getValue().toLowerCase(Locale.ROOT);
    List<String> matches = models.availableModels().stream()
        .filter(model -> model.toLowerCase(Locale.ROOT).contains(typed))
        .limit(MAX_CHOICES)
        .toList();
    event.replyChoiceStrings(matches).queue();
  }

  /**
   * What access control needs to know about an interaction: the guild (none in a DM), the channel
   * and, in a thread, its parent channel, and the member's roles.
   */
  static AccessRequest accessRequest(Interaction interaction) {
    String guild = interaction.getGuild() == null ? null : interaction.getGuild().getId();
    String parent = interaction.getChannel() instanceof ThreadChannel thread ? thread.getParentChannel().getId() : null;
    ConversationKey key = conversationOf(interaction);
    if (key == null) key = DiscordMessageMapper.channelScopeKey(guild, interaction.getChannelId());
    Set<String> roles = interaction.getMember() == null ? Set.of()
        : interaction.getMember().getRoles().stream().map(ISnowflake::getId).collect(Collectors.toSet());
    return new AccessRequest(key, guild, Arrays.asList(interaction.getChannelId(), parent), guild == null,
        interaction.getUser().getId(), roles);
  }

  /**
   * The conversation an interaction belongs to: its thread, or its DM. Null in a plain guild
   * channel, where each {@code /ask} starts a new conversation.
   */
  static ConversationKey conversationOf(Interaction interaction) {
    var channel = interaction.getChannel();
    if (interaction.getGuild() == null) {
      return DiscordMessageMapper.dmKey(interaction.getUser().getId(), interaction.getChannelId());
    }
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
      DiscordReplies.notice(event, "This conversation uses `" + models.currentModel(scope) + "`.")
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
      models.switchModel(key, model);
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
    TicketOutcome outcome = tickets.createTicket(request, event.getId());
    if (!outcome.isOpened()) {
      DiscordReplies.notice(event, outcome.notice()).setEphemeral(true).queue();
      return;
    }
    Ticket ticket = outcome.ticket();
    DiscordReplies.notice(event, "Ticket **" + ticket.id() + "** opened: " + ticket.title()).queue();
  }
}
