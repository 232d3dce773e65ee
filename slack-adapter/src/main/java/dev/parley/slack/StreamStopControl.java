package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stop button of a natively streamed answer. Slack's streaming methods take no blocks until
 * {@code chat.stopStream} ({@code chat.appendStream} carries {@code markdown_text} only, and any
 * block appended would stay for good), so the button lives in a small message of its own in the
 * thread, posted when the answer starts and deleted ({@code chat.delete}) when it ends. Its
 * value is the same HMAC-tagged one as a posted reply's ({@link StopButtons}), so the same rule
 * applies: only the asker or an admin may stop. The message also carries the answer's status
 * line outside assistant threads, which keeps that line out of the streamed text.
 *
 * <p>Slack's own stop control, where it shows one, still works beside it ({@code stopped_by_user}).
 * Not thread-safe: the sink calls it one call at a time.
 */
final class StreamStopControl {
  private static final Logger log = LoggerFactory.getLogger(StreamStopControl.class);
  static final String WRITING = "Writing the answer…";

  private final MethodsClient methods;
  private final ReplyTarget target;
  private final String stopValue;
  private String ts;
  private String shown;
  private boolean unavailable;

  private final SlackBudgets.Gate gate;

  StreamStopControl(MethodsClient methods, ReplyTarget target, StopButtons stops) {
    this(methods, target, stops, SlackBudgets.Gate.OPEN);
  }

  /** @param gate waits for the budget of each call, which this control makes outside the throttle */
  StreamStopControl(MethodsClient methods, ReplyTarget target, StopButtons stops, SlackBudgets.Gate gate) {
    this.gate = gate;
    this.methods = methods;
    this.target = target;
    this.stopValue = stops.value(target.key(), target.recipientUserId());
  }

  /** Recreates the control of an earlier instance's stream, only to remove it. */
  StreamStopControl(MethodsClient methods, ReplyTarget target, StopButtons stops, String existingTs) {
    this(methods, target, stops);
    this.ts = existingTs;
  }

  /**
   * Shows the control with {@code status} (or a plain "writing" line when null), posting it the
   * first time. A rate limit leaves it as it was until the next call, which the sink makes with
   * every streamed update: the answer's own appends never wait for the control. Any other
   * refusal leaves the answer without this button (logged).
   */
  void show(String status) {
    // A status may name a tool the model made up: it takes the one escaping path like any text.
    String line = SlackMarkdown.toMrkdwn("_" + (status == null ? WRITING : status) + "_");
    if (unavailable || Objects.equals(line, shown)) return;
    var blocks = ReplyBlocks.render(line, ReplyBlocks.Buttons.STOP, target.key(), stopValue);
    try {
      if (ts == null) {
        gate.before("chat.postMessage");
        ts = SlackCalls.call("chat.postMessage", () -> methods.chatPostMessage(r -> r
            .channel(target.channel()).threadTs(target.threadTs()).text(line).blocks(blocks))).getTs();
      } else {
        String current = ts;
        gate.before("chat.update");
        SlackCalls.call("chat.update", () -> methods.chatUpdate(r -> r
            .channel(target.channel()).ts(current).text(line).blocks(blocks)));
      }
      shown = line;
    } catch (SlackCallException e) {
      if (e.rateLimited()) {
        log.debug("slack stop control rate-limited, shown with the next update: channel={}", target.channel());
        return;
      }
      unavailable = true;
      log.warn("slack stop control unavailable, the answer streams without it: channel={} error={}",
          target.channel(), e.error());
    }
  }

  /** The control's message, or null while none is posted. */
  String ts() {
    return ts;
  }

  /**
   * Deletes the control, so that no Stop button outlives its answer (a stale one would stop the
   * conversation's next answer). Best effort: a refusal is logged.
   *
   * @throws SlackCallException when Slack rate-limited the call; calling again retries it
   */
  void remove() {
    if (ts == null) return;
    String current = ts;
    try {
      gate.before("chat.delete");
      SlackCalls.call("chat.delete", () -> methods.chatDelete(r -> r.channel(target.channel()).ts(current)));
    } catch (SlackCallException e) {
      if (e.rateLimited()) throw e;
      log.warn("slack stop control not deleted: channel={} ts={} error={}", target.channel(), current, e.error());
    }
    ts = null;
    shown = null;
  }
}
