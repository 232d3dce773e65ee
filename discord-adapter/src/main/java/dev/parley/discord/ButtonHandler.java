package dev.parley.discord;

import dev.parley.core.api.BotCore;
import dev.parley.core.api.AccessGate;
import dev.parley.core.api.Conversations;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buttons under an answer: Stop cancels the generation, Regenerate asks the same again, a
 * private answer privately. Both act only for the person who asked or a Parley admin: the clicker
 * is who Discord says clicked (over the gateway, not from the payload's text), and the asker is
 * what {@link RecentPrompts} remembered, never what the custom id says.
 */
final class ButtonHandler {
  private static final Logger log = LoggerFactory.getLogger(ButtonHandler.class);

  private final Conversations conversations;
  private final AskHandler ask;
  private final RecentPrompts prompts;
  private final AccessGate access;

  ButtonHandler(BotCore core, AskHandler ask, RecentPrompts prompts) {
    this.conversations = core.conversations();
    this.access = core.access();
    this.ask = Objects.requireNonNull(ask, "ask");
    this.prompts = Objects.requireNonNull(prompts, "prompts");
  }

  void onButton(ButtonInteractionEvent event) {
    Optional<ReplyButtons.Click> click = ReplyButtons.parse(event.getComponentId());
    if (click.isEmpty()) return;
    var key = click.get().key();
    Optional<RecentPrompts.Ask> asked = prompts.last(key);
    String clicker = event.getUser().getId();
    if (click.get().kind() == ReplyButtons.Kind.REGENERATE && asked.isEmpty()) {
      DiscordReplies.notice(event, "I no longer have that question; please ask again.").setEphemeral(true).queue();
      return;
    }
    if (!access.mayControl(DiscordMessageMapper.PLATFORM, clicker, asked.map(RecentPrompts.Ask::askerId).orElse(null))) {
      log.info("button refused, not the asker; button={} conversation={} user={}", click.get().kind(), key, clicker);
      DiscordReplies.notice(event, AccessGate.NOT_YOURS).setEphemeral(true).queue();
      return;
    }
    switch (click.get().kind()) {
      case STOP -> {
        // Acknowledge without changing the message: the core's final render removes the button.
        event.deferEdit().queue();
        conversations.stop(key);
        log.info("answer stopped by user; conversation={} user={}", key, clicker);
      }
      case REGENERATE -> ask.ask(event, asked.get().prompt(), asked.get().ephemeral(), key);
    }
  }
}
