package dev.parley.discord;

import java.util.Objects;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes gateway events to the handlers. No exception escapes: a failing event is logged with
 * its context and the next one is handled as usual.
 */
final class DiscordEventListener extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(DiscordEventListener.class);

  static final String SORRY = "Sorry, something went wrong on my side. Please try again.";

  private final CommandHandler commands;
  private final ButtonHandler buttons;
  private final MessageHandler messages;

  /** @param messages null when the bot does not listen to messages */
  DiscordEventListener(CommandHandler commands, ButtonHandler buttons, MessageHandler messages) {
    this.commands = Objects.requireNonNull(commands, "commands");
    this.buttons = Objects.requireNonNull(buttons, "buttons");
    this.messages = messages;
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    guarded("slash command /" + event.getName(), event.getId(), event.getChannelId(),
        () -> commands.onSlashCommand(event), () -> apologise(event));
  }

  @Override
  public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
    guarded("autocomplete /" + event.getName(), event.getId(), event.getChannelId(),
        () -> commands.onAutoComplete(event), () -> {});
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    guarded("button", event.getId(), event.getChannelId(), () -> buttons.onButton(event), () -> apologise(event));
  }

  @Override
  public void onMessageReceived(MessageReceivedEvent event) {
    if (messages == null) return;
    guarded("message", event.getMessageId(), event.getChannel().getId(), () -> messages.onMessage(event), () -> {});
  }

  private static void guarded(String what, String id, String channelId, Runnable handler, Runnable onFailure) {
    try {
      handler.run();
    } catch (RuntimeException e) {
      log.error("{} failed; platform=discord id={} channel={}", what, id, channelId, e);
      try {
        onFailure.run();
      } catch (RuntimeException again) {
        log.warn("cannot report the failure to the user; platform=discord id={}", id, again);
      }
    }
  }

  /** An interaction not yet answered would show "interaction failed"; say something readable. */
  private static void apologise(IReplyCallback interaction) {
    if (interaction.isAcknowledged()) return;
    DiscordReplies.notice(interaction, SORRY).setEphemeral(true).queue(null,
        error -> log.warn("cannot apologise; platform=discord id={}", interaction.getId(), error));
  }
}
