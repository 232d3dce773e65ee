package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import dev.parley.core.reply.EditBudget;
import dev.parley.core.reply.EditRejectedException;
import dev.parley.core.reply.ReplySink;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer in Slack. In a thread it prefers Slack's native streaming ({@code chat.startStream},
 * {@code chat.appendStream} with the new text only, {@code chat.stopStream}); when streaming is
 * unavailable or Slack stops accepting it, the same answer continues as a {@link PostedReply}.
 * Every text passes the {@link MentionGuard}. A 429 on an update becomes an
 * {@link EditRejectedException}; the first and last calls wait out Slack's {@code Retry-After}
 * themselves, since the answer's end must not be lost.
 *
 * <p>Not thread-safe: the engine calls a sink one call at a time.
 */
public final class SlackReplySink implements ReplySink {
  private static final Logger log = LoggerFactory.getLogger(SlackReplySink.class);
  /** {@code chat.appendStream} takes at most 12,000 characters of {@code markdown_text}. */
  static final int APPEND_LIMIT = 12_000;
  private static final int FINAL_ATTEMPTS = 6;

  private final MethodsClient methods;
  private final ReplyTarget target;
  private final EditBudget budget;
  private final boolean streaming;
  private final Runnable onStoppedByUser;
  private final PostedReply posted;
  private String streamTs;
  private String appended = "";
  private boolean stoppedByUser;

  SlackReplySink(MethodsClient methods, ReplyTarget target, SlackBudgets budgets, boolean nativeStreaming,
      Runnable onStoppedByUser) {
    this.methods = methods;
    this.target = target;
    this.streaming = nativeStreaming && target.threadTs() != null;
    this.budget = streaming ? budgets.streamBudget(target.teamId()) : budgets.updateBudget(target.teamId());
    this.onStoppedByUser = onStoppedByUser;
    this.posted = new PostedReply(methods, target);
  }

  @Override
  public void start() {
    if (streaming) {
      try {
        streamTs = waitingOutLimits(() -> SlackCalls.call("chat.startStream", () -> methods.chatStartStream(r -> r
            .channel(target.channel()).threadTs(target.threadTs())
            .recipientUserId(target.recipientUserId()).recipientTeamId(target.teamId()))).getTs());
        return;
      } catch (SlackCallException e) {
        log.warn("slack native streaming unavailable, posting instead: channel={} error={}", target.channel(), e.error());
      }
    }
    waitingOutLimits(() -> {
      posted.postPlaceholder();
      return null;
    });
  }

  @Override
  public void update(String textSoFar) {
    if (stoppedByUser) return;
    try {
      if (streamTs != null) {
        appendUpTo(MentionGuard.neutralise(textSoFar.substring(0, MentionGuard.stablePrefixLength(textSoFar))));
        return;
      }
      posted.render(textSoFar, ReplyBlocks.Buttons.STOP);
    } catch (SlackCallException e) {
      if (e.rateLimited()) throw new EditRejectedException(e.getMessage(), e.retryAfter());
      if (!handleStreamFailure(e)) throw e;
      update(textSoFar);
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
    if (streamTs != null && !stoppedByUser) {
      try {
        waitingOutLimits(() -> {
          appendUpTo(MentionGuard.neutralise(text));
          return null;
        });
        stopStream(buttons);
        return;
      } catch (SlackCallException e) {
        if (!handleStreamFailure(e)) throw e;
      }
    }
    if (stoppedByUser) {
      stopStream(ReplyBlocks.Buttons.NONE);
      return;
    }
    waitingOutLimits(() -> {
      posted.render(text, buttons);
      return null;
    });
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
    try {
      waitingOutLimits(() -> SlackCalls.call("chat.stopStream", () -> methods.chatStopStream(r -> r
          .channel(target.channel()).ts(streamTs)
          .blocks(buttons == ReplyBlocks.Buttons.FEEDBACK ? ReplyBlocks.feedbackOnly(target.key()) : null))));
    } catch (SlackCallException e) {
      // The text is already there; a stream Slack closed on its own needs no stop.
      log.info("slack chat.stopStream failed: channel={} ts={} error={}", target.channel(), streamTs, e.error());
    }
  }

  /**
   * Reacts to a failed streaming call. The user pressing Slack's own stop ends the generation;
   * any other refusal moves the answer to a posted reply that takes over the streamed message.
   * Returns false when the failure is not about streaming.
   */
  private boolean handleStreamFailure(SlackCallException e) {
    if (streamTs == null) return false;
    if ("stopped_by_user".equals(e.error())) {
      stoppedByUser = true;
      onStoppedByUser.run();
      return true;
    }
    log.warn("slack stream refused, continuing with chat.update: channel={} ts={} error={}",
        target.channel(), streamTs, e.error());
    posted.adopt(streamTs);
    streamTs = null;
    return true;
  }

  private static <T> T waitingOutLimits(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (SlackCallException e) {
        if (!e.rateLimited() || attempt >= FINAL_ATTEMPTS) throw e;
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
