package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import dev.parley.core.api.InMemoryStreamCheckpoints;
import dev.parley.core.api.StreamCheckpoints;
import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.EditRejectedException;
import dev.parley.core.api.reply.ReplyNotice;
import dev.parley.core.api.reply.ReplySink;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer in Slack. In a thread it prefers Slack's native streaming, as a {@link NativeStream}
 * that moves on to a new message before Slack's time or size limit ends it; when streaming is
 * unavailable or Slack stops accepting it, the same answer continues as a {@link PostedReply}
 * that takes over the last stream message. Every text passes the {@link MentionGuard}. A 429
 * becomes an {@link EditRejectedException}, which the engine's throttle waits out before sending
 * the newest text again; every call is idempotent for that (only what is missing is appended,
 * only changed messages are updated). The placeholder, which the throttle does not retry, waits
 * out Slack's {@code Retry-After} itself.
 *
 * <p>A natively streamed answer has its Stop button in a separate small message, the
 * {@link StreamStopControl}, deleted when the answer ends; Slack's own stop control
 * ({@code stopped_by_user}) works too. A status line ({@link #status}) never touches a natively
 * streamed answer, whose text Slack only lets us extend: in an assistant thread it becomes the
 * thread's status ({@code assistant.threads.setStatus}), elsewhere it shows in the stop control;
 * a posted reply, which is rewritten with every edit anyway, shows it in italics under its text.
 *
 * <p>Not thread-safe: the engine calls a sink one call at a time.
 */
final class SlackReplySink implements ReplySink {
  private static final Logger log = LoggerFactory.getLogger(SlackReplySink.class);
  private static final int START_ATTEMPTS = 5;

  private final ReplyTarget target;
  private final EditBudget budget;
  private final Runnable onStoppedByUser;
  private final PostedReply posted;
  private final StreamStopControl stopControl;
  private final NativeStream stream;
  private final AssistantThreads assistantStatus;
  /** The buttons a finished answer shows. */
  private final ReplyBlocks.Buttons finished;
  private boolean streaming;
  private boolean stoppedByUser;
  private String statusLine;
  /** Where the posted reply's text begins in the answer: after what earlier stream messages hold. */
  private int postedFrom;
  private String postedText = "";
  /** The stream message the Stop control was posted under (null: before the stream began). */
  private String controlUnder;

  /**
   * @param nativeStreaming what native streaming needs, or null to post and update instead
   * @param onStoppedByUser runs once when Slack reports that the user stopped the stream
   * @param assistantStatus where status lines go when the reply is in an assistant thread, or
   *     null elsewhere
   */
  SlackReplySink(MethodsClient methods, ReplyTarget target, SlackBudgets budgets, StopButtons stops,
      NativeStreaming nativeStreaming, Runnable onStoppedByUser, AssistantThreads assistantStatus) {
    this(methods, target, budgets, stops, nativeStreaming, onStoppedByUser, assistantStatus, false);
  }

  /** @param offerHandoff whether the finished answer offers "Talk to a person" (handoff is configured here) */
  SlackReplySink(MethodsClient methods, ReplyTarget target, SlackBudgets budgets, StopButtons stops,
      NativeStreaming nativeStreaming, Runnable onStoppedByUser, AssistantThreads assistantStatus,
      boolean offerHandoff) {
    this.finished = offerHandoff ? ReplyBlocks.Buttons.FEEDBACK_AND_HANDOFF : ReplyBlocks.Buttons.FEEDBACK;
    this.target = target;
    this.assistantStatus = assistantStatus;
    this.streaming = nativeStreaming != null && target.threadTs() != null;
    this.budget = streaming ? budgets.streamBudget(target.teamId()) : budgets.updateBudget(target.teamId());
    this.onStoppedByUser = onStoppedByUser;
    SlackBudgets.Gate gate = budgets.gate(target.teamId(), target.channel());
    this.posted = new PostedReply(methods, target, stops, gate, offerHandoff);
    this.stopControl = new StreamStopControl(methods, target, stops, gate);
    NativeStreaming options = nativeStreaming == null ? NativeStreaming.inMemory(Clock.systemUTC()) : nativeStreaming;
    this.stream = new NativeStream(methods, target, options.limits(), options.clock(), options.checkpoints(),
        stopControl::ts, gate);
  }

  /** What native streaming needs besides the Web API: its limits, a clock, and where checkpoints go. */
  record NativeStreaming(NativeStreamLimits limits, Clock clock, StreamCheckpoints checkpoints) {
    NativeStreaming {
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(checkpoints, "checkpoints");
    }

    static NativeStreaming inMemory(Clock clock) {
      return new NativeStreaming(NativeStreamLimits.SLACK, clock, new InMemoryStreamCheckpoints());
    }
  }

  @Override
  public void start() {
    // A stream starts with its first text, so an assistant thread keeps its "is thinking…"
    // status until the answer really begins; a posted reply shows a placeholder at once.
    if (!streaming) waitingOutLimits(posted::postPlaceholder);
  }

  @Override
  public void update(String textSoFar) {
    if (stoppedByUser) return;
    rateLimitsRejected(() -> {
      if (streaming) {
        stream(MentionGuard.neutralise(textSoFar.substring(0, MentionGuard.stablePrefixLength(textSoFar))), null);
      } else {
        postedText = postedPart(textSoFar);
        posted.render(withStatus(postedText), ReplyBlocks.Buttons.STOP);
      }
    });
  }

  @Override
  public void status(String line) {
    String shown = line == null || line.isBlank() ? null : line.strip();
    if (stoppedByUser || Objects.equals(shown, statusLine)) return;
    statusLine = shown;
    if (assistantStatus != null) {
      assistantStatus.status(target.channel(), target.threadTs(), shown);
    } else if (streaming) {
      rateLimitsRejected(() -> showStopControl(shown));
    } else {
      rateLimitsRejected(() -> posted.render(withStatus(postedText), ReplyBlocks.Buttons.STOP));
    }
  }

  @Override
  public void finish(String finalText) {
    end(finalText, finished);
  }

  @Override
  public void fail(String partialText, String notice) {
    end(ReplyNotice.after(partialText, "_" + notice + "_"), ReplyBlocks.Buttons.NONE);
  }

  @Override
  public EditBudget budget() {
    return budget;
  }

  private void end(String text, ReplyBlocks.Buttons buttons) {
    if (statusLine != null && assistantStatus != null) {
      assistantStatus.status(target.channel(), target.threadTs(), null);
    }
    statusLine = null;
    // The Stop button goes first: once the final text shows, nothing is left to stop.
    rateLimitsRejected(stopControl::remove);
    if (stoppedByUser) {
      stream.abandon();
      return;
    }
    rateLimitsRejected(() -> {
      if (streaming) {
        stream(MentionGuard.neutralise(text), buttons);
      } else {
        posted.render(postedPart(text), buttons);
      }
    });
  }

  /**
   * Streams {@code guarded} natively, and ends the stream when {@code closing} is given. When
   * Slack refuses the stream, or the text no longer extends what was streamed, the reply
   * continues as a posted one.
   */
  private void stream(String guarded, ReplyBlocks.Buttons closing) {
    try {
      if (!stream.started() && guarded.isEmpty() && closing == null) return;
      // Only fail() ends with no buttons; it may be a refusal that never held the turn.
      stream.extendTo(guarded, closing != ReplyBlocks.Buttons.NONE);
      if (closing != null) {
        stream.beginIfNone();
        stream.finish(closing == ReplyBlocks.Buttons.NONE ? null
            : ReplyBlocks.feedbackOnly(target.key(), closing == ReplyBlocks.Buttons.FEEDBACK_AND_HANDOFF));
      } else {
        showStopControl(assistantStatus == null ? statusLine : null);
      }
    } catch (SlackCallException e) {
      if (e.rateLimited()) throw e;
      if ("stopped_by_user".equals(e.error())) {
        stoppedByUser = true;
        onStoppedByUser.run();
        return;
      }
      leaveStreaming(e);
      postedText = guarded.substring(Math.min(postedFrom, guarded.length()));
      posted.render(closing == null ? withStatus(postedText) : postedText,
          closing == null ? ReplyBlocks.Buttons.STOP : closing);
    }
  }

  private void showStopControl(String status) {
    if (stopControl.ts() != null && !Objects.equals(controlUnder, stream.ts())) {
      // The answer moved on to a new stream message: its Stop button follows, to stay under it.
      stopControl.remove();
    }
    stopControl.show(status);
    if (stopControl.ts() != null) controlUnder = stream.ts();
    // After the control, so that a new stream message and its control go into one save (a
    // recovering instance removes the control); a no-op while neither changed.
    stream.checkpoint();
  }

  /** Gives up native streaming for this reply; the last stream message is taken over. */
  private void leaveStreaming(SlackCallException cause) {
    log.warn("slack native streaming refused, continuing with chat.update: channel={} error={}",
        target.channel(), cause.error());
    streaming = false;
    try {
      stopControl.remove();
    } catch (SlackCallException e) {
      log.info("slack stop control rate-limited while leaving streaming, removed at the end: channel={}", target.channel());
    }
    if (stream.started()) {
      stream.abandon();
      posted.adopt(stream.ts());
      postedFrom = stream.segmentStart();
    }
  }

  /** The part of the answer the posted reply shows: all of it, unless stream messages hold its start. */
  private String postedPart(String text) {
    if (postedFrom == 0) return text;
    String guarded = MentionGuard.neutralise(text);
    return guarded.substring(Math.min(postedFrom, guarded.length()));
  }

  /** A posted reply's text with the status line under it; the answer itself is {@code text}. */
  private String withStatus(String text) {
    if (statusLine == null || assistantStatus != null) return text;
    return text.isBlank() ? "_" + statusLine + "_" : text + "\n\n_" + statusLine + "_";
  }

  private void rateLimitsRejected(Runnable call) {
    try {
      call.run();
    } catch (SlackCallException e) {
      if (e.rateLimited()) throw new EditRejectedException(e.getMessage(), e.retryAfter());
      throw e;
    }
  }

  private static void waitingOutLimits(Runnable call) {
    for (int attempt = 1; ; attempt++) {
      try {
        call.run();
        return;
      } catch (SlackCallException e) {
        if (!e.rateLimited() || attempt >= START_ATTEMPTS) throw e;
        sleep(e.retryAfter());
      }
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlackCallException("wait", "interrupted", null, e);
    }
  }
}
