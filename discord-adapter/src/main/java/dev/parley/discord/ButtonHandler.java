package dev.parley.discord;

import dev.parley.core.api.AccessGate;
import dev.parley.core.api.BotCore;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.FeedbackRecorder;
import dev.parley.core.api.HumanHandoff;
import dev.parley.core.api.Submission;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buttons under an answer. Stop cancels the generation; it acts only for the person who asked
 * or a Parley admin, the asker being what {@link LatestAskers} saw (never what the custom id says).
 * Regenerate asks the core to answer the conversation's last stored question again, in a new
 * reply (private for a private answer); the core decides who may. The thumbs record feedback on
 * the answer message. The clicker is who Discord says clicked, over the gateway.
 */
final class ButtonHandler {
  private static final Logger log = LoggerFactory.getLogger(ButtonHandler.class);
  static final String THANKS = "Thanks for the feedback.";

  private final Conversations conversations;
  private final FeedbackRecorder feedback;
  private final DiscordReplies replies;
  private final LatestAskers askers;
  private final AccessGate access;
  private final HumanHandoff handoff;

  ButtonHandler(BotCore core, DiscordReplies replies, LatestAskers askers) {
    this.conversations = core.conversations();
    this.feedback = core.feedback();
    this.access = core.access();
    this.handoff = core.handoff();
    this.replies = Objects.requireNonNull(replies, "replies");
    this.askers = Objects.requireNonNull(askers, "askers");
  }

  void onButton(ButtonInteractionEvent event) {
    var mapper = new DiscordEventMapper(event.getJDA().getSelfUser().getId());
    Optional<DiscordClick> click = mapper.click(DiscordEvents.button(event));
    if (click.isEmpty()) return;
    switch (click.get().kind()) {
      case STOP -> stop(event, click.get());
      case REGENERATE -> regenerate(event, click.get());
      case FEEDBACK_UP, FEEDBACK_DOWN -> feedback(click.get(), event);
      case HANDOFF -> handOff(click.get(), event);
    }
  }

  private void stop(ButtonInteractionEvent event, DiscordClick click) {
    String asker = askers.asker(click.conversation()).orElse(null);
    if (!access.mayControl(DiscordEventMapper.PLATFORM, click.userId(), asker)) {
      log.info("stop refused, not the asker; conversation={} user={}", click.conversation(), click.userId());
      DiscordReplies.notice(event, AccessGate.NOT_YOURS).setEphemeral(true).queue();
      return;
    }
    // Acknowledge without changing the message: the core's final render removes the button.
    event.deferEdit().queue();
    conversations.stop(click.conversation());
    log.info("answer stopped by user; conversation={} user={}", click.conversation(), click.userId());
  }

  /**
   * Submits on the event thread, so the click takes its place in line in arrival order; the
   * deferral is only started here, and the reply waits for it on the core's worker thread.
   */
  private void regenerate(ButtonInteractionEvent event, DiscordClick click) {
    AtomicBoolean opened = new AtomicBoolean();
    Submission submission = conversations.regenerate(click.regenerateRequest(), () -> {
      opened.set(true);
      CompletableFuture<InteractionHook> deferral = event.deferReply(click.privately()).submit();
      return replies.forDeferral(event, deferral, click.privately(), click.conversation(), click.userId());
    });
    log.debug("regenerate submitted; interaction={} conversation={} status={}", event.getId(), click.conversation(),
        submission.status());
    if (submission.status() == Submission.Status.NOT_ALLOWED) {
      DiscordReplies.notice(event, AccessGate.NOT_YOURS).setEphemeral(true).queue();
    } else if (!opened.get()) {
      // A duplicate, or a limited click whose conversation was already told: nothing to show.
      event.deferEdit().queue();
    } else if (submission.status() == Submission.Status.ACCEPTED) {
      // After a restart nobody is remembered, and the regenerated answer's Stop would be the
      // admins' alone; a newer asker seen here keeps theirs.
      askers.rememberIfNone(click.conversation(), click.userId());
    }
  }

  /**
   * "Talk to a person". The custom id names the conversation; the press is acknowledged at once
   * with a private deferral (a handoff calls the ticket backend and posts, which may outlast
   * Discord's three seconds), and the outcome is the private follow-up.
   */
  private void handOff(DiscordClick click, ButtonInteractionEvent event) {
    var deferral = event.deferReply(true).submit();
    String name = event.getUser().getEffectiveName();
    // Off the gateway thread: the handoff waits on the store, the ticket backend and a post.
    Thread.startVirtualThread(() -> {
      HumanHandoff.Result result;
      try {
        result = handoff.requestHuman(click.conversation(), click.userId(), name, event.getId());
      } catch (RuntimeException e) {
        log.error("handoff failed; conversation={}", click.conversation(), e);
        result = new HumanHandoff.Result(HumanHandoff.Result.Status.FAILED, "Something went wrong; please try again.");
      }
      log.info("handoff requested; conversation={} user={} status={}", click.conversation(), click.userId(),
          result.status());
      String notice = result.notice();
      deferral.thenAccept(hook -> hook.sendMessage(notice).setAllowedMentions(java.util.List.of()).queue());
    });
  }

  /** Anyone who sees an answer may rate it, as in Slack; each vote is stored with its voter. */
  private void feedback(DiscordClick click, ButtonInteractionEvent event) {
    boolean positive = click.kind() == ReplyButtons.Kind.FEEDBACK_UP;
    feedback.recordFeedback(click.conversation(), click.messageId(), click.userId(), positive);
    DiscordReplies.notice(event, THANKS).setEphemeral(true).queue();
    log.info("feedback recorded; conversation={} message={} positive={}", click.conversation(), click.messageId(),
        positive);
  }
}
