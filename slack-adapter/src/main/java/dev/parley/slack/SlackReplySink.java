package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.EditRejectedException;
import dev.parley.core.api.reply.ReplySink;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer in Slack. In a thread it prefers Slack's native streaming ({@code chat.startStream},
 * {@code chat.appendStream} with the new text only, {@code chat.stopStream}); when streaming is
 * unavailable or Slack stops accepting it, the same answer continues as a {@link PostedReply}.
 * Every text passes the {@link MentionGuard}. A 429 becomes an {@link EditRejectedException},
 * which the engine's throttle waits out before sending the newest text again; every call is
 * idempotent for that (only what is missing is appended, only changed messages are updated). The
 * placeholder, which the throttle does not retry, waits out Slack's {@code Retry-After} itself.
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
public final class SlackReplySink implements ReplySink {
  private static final Logger log = LoggerFactory.getLogger(SlackReplySink.class);
  /** {@code chat.appendStream} takes at most 12,000 characters of {@code markdown_text}. */
  static final int APPEND_LIMIT = 12_000;
  private static final int START_ATTEMPTS = 5;

  private final MethodsClient methods;
  private final ReplyTarget target;
  private final EditBudget budget;
  private boolean streaming;
  private final Runnable onStoppedByUser;
  private final PostedReply posted;
  private final StreamStopControl stopControl;
  private String streamTs;
  private String appended = "";
  private boolean stoppedByUser;
  private final AssistantThreads assistantStatus;
  private String statusLine;
  private String postedText = "";

  /**
   * @param assistantStatus where status lines go when the reply is in an assistant thread, or
   *     null elsewhere
   */
  SlackReplySink(MethodsClient methods, ReplyTarget target, SlackBudgets budgets, StopButtons stops,
      boolean nativeStreaming, Runnable onStoppedByUser, AssistantThreads assistantStatus) {
    this.methods = methods;
    this.assistantStatus = assistantStatus;
    this.target = target;
    this.streaming = nativeStreaming && target.threadTs() != null;
    this.budget = streaming ? budgets.streamBudget(target.teamId()) : budgets.updateBudget(target.teamId());
    this.onStoppedByUser = onStoppedByUser;
    this.posted = new PostedReply(methods, target, stops);
    this.stopControl = new StreamStopControl(methods, target, stops);
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
        postedText = textSoFar;
        posted.render(withStatus(textSoFar), ReplyBlocks.Buttons.STOP);
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
      rateLimitsRejected(() -> stopControl.show(shown));
    } else {
      rateLimitsRejected(() -> posted.render(withStatus(postedText), ReplyBlocks.Buttons.STOP));
    }
  }

  @Override
  public void finish(String finalText) {
    end(finalText, ReplyBlocks.Buttons.FEEDBACK);
  }

  @Override
  public void fail(String partialText, String notice) {
    String text = partialText.isBlank() ? "_" + notice + "_" : partialText + "\n\n_" + notice + "_";
    end(text, ReplyBlocks.Buttons.NONE);
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
      stopStream(ReplyBlocks.Buttons.NONE);
      return;
    }
    rateLimitsRejected(() -> {
      if (streaming) {
        stream(MentionGuard.neutralise(text), buttons);
      } else {
        posted.render(text, buttons);
      }
    });
  }

  /**
   * Streams {@code guarded} natively, starting the stream if needed and stopping it when
   * {@code closing} is given. When Slack refuses the stream, or the text no longer extends what
   * was streamed (a transient status line went away), the reply continues as a posted one.
   */
  private void stream(String guarded, ReplyBlocks.Buttons closing) {
    try {
      if (streamTs == null) {
        if (guarded.isEmpty() && closing == null) return;
        streamTs = SlackCalls.call("chat.startStream", () -> methods.chatStartStream(r -> r
            .channel(target.channel()).threadTs(target.threadTs())
            .recipientUserId(target.recipientUserId()).recipientTeamId(target.teamId()))).getTs();
      }
      appendUpTo(guarded);
      if (closing != null) stopStream(closing);
      else stopControl.show(assistantStatus == null ? statusLine : null);
    } catch (SlackCallException e) {
      if (e.rateLimited()) throw e;
      if ("stopped_by_user".equals(e.error())) {
        stoppedByUser = true;
        onStoppedByUser.run();
        return;
      }
      leaveStreaming(e);
      postedText = guarded;
      posted.render(closing == null ? withStatus(guarded) : guarded, closing == null ? ReplyBlocks.Buttons.STOP : closing);
    }
  }

  /** Appends what {@code guarded} has beyond the text already streamed, in pieces Slack accepts. */
  private void appendUpTo(String guarded) {
    if (!guarded.startsWith(appended)) {
      throw new SlackCallException("chat.appendStream", "text_diverged", null, null);
    }
    while (appended.length() < guarded.length()) {
      int end = Math.min(guarded.length(), appended.length() + APPEND_LIMIT);
      if (end < guarded.length() && Character.isHighSurrogate(guarded.charAt(end - 1))) end--;
      String piece = guarded.substring(appended.length(), end);
      SlackCalls.call("chat.appendStream", () -> methods.chatAppendStream(r -> r
          .channel(target.channel()).ts(streamTs).markdownText(piece)));
      appended = guarded.substring(0, end);
    }
  }

  private void stopStream(ReplyBlocks.Buttons buttons) {
    if (streamTs == null) return;
    try {
      SlackCalls.call("chat.stopStream", () -> methods.chatStopStream(r -> r
          .channel(target.channel()).ts(streamTs)
          .blocks(buttons == ReplyBlocks.Buttons.FEEDBACK ? ReplyBlocks.feedbackOnly(target.key()) : null)));
    } catch (SlackCallException e) {
      if (e.rateLimited()) throw e;
      // The text is already there; a stream Slack closed on its own needs no stop.
      log.info("slack chat.stopStream failed: channel={} ts={} error={}", target.channel(), streamTs, e.error());
    }
  }

  /** Gives up native streaming for this reply; a started stream's message is taken over. */
  private void leaveStreaming(SlackCallException cause) {
    log.warn("slack native streaming refused, continuing with chat.update: channel={} error={}",
        target.channel(), cause.error());
    streaming = false;
    try {
      stopControl.remove();
    } catch (SlackCallException e) {
      log.info("slack stop control rate-limited while leaving streaming, removed at the end: channel={}", target.channel());
    }
    if (streamTs != null) {
      try {
        stopStream(ReplyBlocks.Buttons.NONE);
      } catch (SlackCallException e) {
        log.info("slack chat.stopStream rate-limited while leaving streaming: channel={}", target.channel());
      }
      posted.adopt(streamTs);
      streamTs = null;
    }
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
