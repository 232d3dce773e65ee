package dev.parley.slack;

import dev.parley.core.api.reply.ChannelBudgets;
import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.TokenBucket;
import java.time.Duration;
import java.util.Map;

/**
 * Slack's budgets, keyed the way Slack keys them: "per API method per app per workspace"
 * (docs.slack.dev/apis/web-api/rate-limits), so one bucket per workspace and method, shared by
 * every reply in the workspace; and {@code chat.postMessage}, whose special tier allows "one
 * message per second per channel", one bucket per channel. The tiers, from each method's
 * reference: {@code chat.update} and {@code chat.delete} Tier 3 (50+ a minute),
 * {@code chat.appendStream} Tier 4 (100+ a minute), {@code chat.startStream} and
 * {@code chat.stopStream} Tier 2 (20+ a minute). The published floor is used: Slack may allow
 * more, never promises it.
 *
 * <p>A reply's edits ({@code chat.update}, or {@code chat.appendStream} when it streams natively)
 * go through the core's throttle with {@link #updateBudget} or {@link #streamBudget}, whose
 * bucket schedules the workspace's replies fairly. Every other call a reply makes waits for its
 * method's bucket right before it is handed to the SDK ({@link #gate}), so no call waits in the
 * SDK or meets a 429. Buckets are bounded ({@link ChannelBudgets}): a forgotten idle workspace
 * gets a fresh budget. Thread-safe.
 */
public final class SlackBudgets {
  /** Calls a minute per workspace, by method: Slack's published tiers. */
  static final Map<String, Integer> PER_MINUTE = Map.of(
      "chat.update", 50,
      "chat.delete", 50,
      "chat.appendStream", 100,
      "chat.startStream", 20,
      "chat.stopStream", 20);
  /**
   * Added to every window: Slack counts a call when it arrives, we when we send it, and a call
   * that waits a little longer on the wire would otherwise land in the previous window.
   */
  static final Duration CLOCK_MARGIN = Duration.ofMillis(100);
  private static final Duration MINUTE = Duration.ofMinutes(1).plus(CLOCK_MARGIN);

  private final ChannelBudgets updates;
  private final ChannelBudgets streams;
  private final Map<String, ChannelBudgets> others;
  private final ChannelBudgets posts = new ChannelBudgets(Duration.ZERO, 1, Duration.ofSeconds(1).plus(CLOCK_MARGIN));

  /** Slack's documented tiers, with at least one second between two edits of one message. */
  public SlackBudgets() {
    this(Duration.ofSeconds(1), Duration.ofMillis(500));
  }

  /**
   * @param updateInterval the least time between two {@code chat.update} calls for one reply
   * @param streamInterval the least time between two {@code chat.appendStream} calls for one reply
   */
  public SlackBudgets(Duration updateInterval, Duration streamInterval) {
    this(updateInterval, streamInterval, 1);
  }

  /**
   * Budgets of {@code scale} times the published floors, scheduled the same way: for an app Slack
   * granted higher limits, or a fake Slack that limits nothing (the hostile corpus sends more
   * streams through one workspace in a minute than the floors allow).
   *
   * @param scale at least 1
   */
  public SlackBudgets(Duration updateInterval, Duration streamInterval, int scale) {
    if (scale < 1) throw new IllegalArgumentException("scale must be at least 1");
    this.updates = new ChannelBudgets(updateInterval, scale * PER_MINUTE.get("chat.update"), MINUTE);
    this.streams = new ChannelBudgets(streamInterval, scale * PER_MINUTE.get("chat.appendStream"), MINUTE);
    this.others = Map.of(
        "chat.delete", new ChannelBudgets(Duration.ZERO, scale * PER_MINUTE.get("chat.delete"), MINUTE),
        "chat.startStream", new ChannelBudgets(Duration.ZERO, scale * PER_MINUTE.get("chat.startStream"), MINUTE),
        "chat.stopStream", new ChannelBudgets(Duration.ZERO, scale * PER_MINUTE.get("chat.stopStream"), MINUTE));
  }

  EditBudget updateBudget(String teamId) {
    return updates.forPlace(teamId);
  }

  EditBudget streamBudget(String teamId) {
    return streams.forPlace(teamId);
  }

  /**
   * Blocks until {@code method} may be called once more in {@code teamId} ({@code channel} for
   * {@code chat.postMessage}), ahead of streaming edits. Methods without a known budget pass.
   */
  void await(String teamId, String channel, String method) {
    bucket(teamId, channel, method).awaitOne();
  }

  /** A gate for one reply's calls outside its throttled edits. */
  Gate gate(String teamId, String channel) {
    return method -> await(teamId, channel, method);
  }

  /** The bucket {@code method} spends from; unlimited for methods without a known budget. */
  TokenBucket bucket(String teamId, String channel, String method) {
    return switch (method) {
      case "chat.postMessage" -> posts.forPlace(teamId + "/" + channel).channelBucket();
      case "chat.update" -> updates.forPlace(teamId).channelBucket();
      case "chat.appendStream" -> streams.forPlace(teamId).channelBucket();
      default -> {
        ChannelBudgets budgets = others.get(method);
        yield budgets == null ? TokenBucket.unlimited() : budgets.forPlace(teamId).channelBucket();
      }
    };
  }

  /** Waits, before one Web API call, until its budget allows it. */
  @FunctionalInterface
  interface Gate {
    Gate OPEN = method -> {};

    void before(String method);
  }
}
