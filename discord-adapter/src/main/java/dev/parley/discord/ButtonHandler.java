package dev.parley.discord;

import dev.parley.core.engine.Conversations;
import java.util.Objects;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The buttons under an answer: Stop cancels the generation, Regenerate asks the same again. */
final class ButtonHandler {
  private static final Logger log = LoggerFactory.getLogger(ButtonHandler.class);

  private final Conversations conversations;
  private final AskHandler ask;
  private final RecentPrompts prompts;

  ButtonHandler(Conversations conversations, AskHandler ask, RecentPrompts prompts) {
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.ask = Objects.requireNonNull(ask, "ask");
    this.prompts = Objects.requireNonNull(prompts, "prompts");
  }

  void onButton(ButtonInteractionEvent event) {
    Optional<ReplyButtons.Click> click = ReplyButtons.parse(event.getComponentId());
    if (click.isEmpty()) return;
    var key = click.get().key();
    switch (click.get().kind()) {
      case STOP -> {
        // Acknowledge without changing the message: the core's final render removes the button.
        event.deferEdit().queue();
        conversations.stop(key);
        log.info("answer stopped by user; conversation={} user={}", key, event.getUser().getId());
      }
      case REGENERATE -> {
        Optional<String> prompt = prompts.last(key);
        if (prompt.isEmpty()) {
          DiscordReplies.notice(event, "I no longer have that question; please ask again.").setEphemeral(true).queue();
          return;
        }
        ask.ask(event, prompt.get(), false, key);
      }
    }
  }
}
