package dev.parley.discord;

import dev.parley.core.api.AccessGate;
import dev.parley.core.api.BotCore;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.ModelChoice;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import dev.parley.core.api.TicketDesk;
import dev.parley.core.api.TicketOutcome;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slash commands: {@code /ask}, {@code /reset}, {@code /model} and {@code /ticket}, each read,
 * mapped ({@link DiscordEventMapper#command}) and then carried out. Each is checked against the
 * allow-lists first, before the deferral or any other request: a refused command gets a short
 * private notice once per person, channel and hour, and no answer after that (Discord then shows
 * its own "the application did not respond").
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
  private final DiscordCdn cdn;

  /** @param cdn where {@code /ask}'s attachment is downloaded from, when the core wants it */
  CommandHandler(BotCore core, AskHandler ask, boolean adminOnlyModelSwitch, DiscordCdn cdn) {
    this.conversations = core.conversations();
    this.models = core.models();
    this.tickets = core.tickets();
    this.access = core.access();
    this.ask = Objects.requireNonNull(ask, "ask");
    this.adminOnlyModelSwitch = adminOnlyModelSwitch;
    this.cdn = Objects.requireNonNull(cdn, "cdn");
  }

  void onSlashCommand(SlashCommandInteractionEvent event) {
    DiscordCommand command = mapper(event).command(DiscordEvents.command(event, cdn));
    AccessGate.Verdict verdict = access.admit(command.access(), true);
    if (!verdict.allowed()) {
      log.debug("command refused; command={} scope={} user={}", command.name(), command.scope(),
          command.interaction().userId());
      if (verdict == AccessGate.Verdict.REFUSED_WITH_NOTICE) {
        DiscordReplies.notice(event, AccessGate.NOT_ALLOWED).setEphemeral(true).queue();
      }
      return;
    }
    switch (command.name()) {
      case DiscordCommands.ASK -> ask.ask(event, command);
      case DiscordCommands.RESET -> reset(event, command);
      case DiscordCommands.MODEL -> model(event, command);
      case DiscordCommands.TICKET -> ticket(event, command);
      default -> DiscordReplies.notice(event, "I do not know that command.").setEphemeral(true).queue();
    }
  }

  void onAutoComplete(CommandAutoCompleteInteractionEvent event) {
    if (!DiscordCommands.MODEL.equals(event.getName())) return;
    DiscordCommand command = mapper(event).command(DiscordEvents.command(event, cdn));
    // Not a request for an answer, so not counted; but a refused person learns nothing either.
    if (!access.check(command.access()).allowed()) return;
    String typed = event.getFocusedOption().getValue().toLowerCase(Locale.ROOT);
    List<String> matches = models.availableModels().stream()
        .filter(model -> model.toLowerCase(Locale.ROOT).contains(typed))
        .limit(MAX_CHOICES)
        .toList();
    event.replyChoiceStrings(matches).queue();
  }

  private static DiscordEventMapper mapper(GenericEvent event) {
    return new DiscordEventMapper(event.getJDA().getSelfUser().getId());
  }

  private void reset(SlashCommandInteractionEvent event, DiscordCommand command) {
    if (command.conversation() == null) {
      DiscordReplies.notice(event, NO_CONVERSATION).setEphemeral(true).queue();
      return;
    }
    conversations.reset(command.conversation());
    DiscordReplies.notice(event, "Conversation cleared: I have forgotten everything said here.").queue();
  }

  private void model(SlashCommandInteractionEvent event, DiscordCommand command) {
    String wanted = command.model();
    if (wanted == null) {
      DiscordReplies.notice(event, "This conversation uses `" + models.currentModel(command.scope()) + "`.")
          .setEphemeral(true).queue();
    } else if (adminOnlyModelSwitch && event.getMember() != null
        && !event.getMember().hasPermission(Permission.ADMINISTRATOR)) {
      DiscordReplies.notice(event, ADMINS_ONLY).setEphemeral(true).queue();
    } else if (command.conversation() == null) {
      DiscordReplies.notice(event, NO_CONVERSATION).setEphemeral(true).queue();
    } else {
      switchModel(event, command.conversation(), wanted);
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

  private void ticket(SlashCommandInteractionEvent event, DiscordCommand command) {
    NewTicket request;
    try {
      request = command.ticket();
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
