package dev.parley.slack;

import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.TokenBucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slack's edit budgets, one bucket per workspace and method family, shared by every reply in the
 * workspace: {@code chat.update} is Tier 3 (about 50 a minute per workspace) and
 * {@code chat.appendStream} Tier 4 (about 100 a minute). Thread-safe.
 */
public final class SlackBudgets {
  private final Duration updateInterval;
  private final Duration streamInterval;
  private final Map<String, EditBudget> updates = new ConcurrentHashMap<>();
  private final Map<String, EditBudget> streams = new ConcurrentHashMap<>();

  /** Slack's documented tiers, with at least one second between two edits of one message. */
  public SlackBudgets() {
    this(Duration.ofSeconds(1), Duration.ofMillis(500));
  }

  /**
   * @param updateInterval the least time between two {@code chat.update} calls for one reply
   * @param streamInterval the least time between two {@code chat.appendStream} calls for one reply
   */
  public SlackBudgets(Duration updateInterval, Duration streamInterval) {
    this.updateInterval = updateInterval;
    this.streamInterval = streamInterval;
  }

  EditBudget updateBudget(String teamId) {
    return updates.computeIfAbsent(teamId,
        team -> new EditBudget(updateInterval, new TokenBucket(50, Duration.ofMinutes(1))));
  }

  EditBudget streamBudget(String teamId) {
    return streams.computeIfAbsent(teamId,
        team -> new EditBudget(streamInterval, new TokenBucket(100, Duration.ofMinutes(1))));
  }
}
