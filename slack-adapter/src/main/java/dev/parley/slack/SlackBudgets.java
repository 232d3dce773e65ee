package dev.parley.slack;

import dev.parley.core.api.reply.ChannelBudgets;
import dev.parley.core.api.reply.EditBudget;
import java.time.Duration;

/**
 * Slack's edit budgets, one bucket per workspace and method family, shared by every reply in the
 * workspace: {@code chat.update} is Tier 3 (about 50 a minute per workspace) and
 * {@code chat.appendStream} Tier 4 (about 100 a minute). The core's {@link ChannelBudgets} keeps
 * them, bounded: a forgotten idle workspace gets a fresh budget. Thread-safe.
 */
public final class SlackBudgets {
  private final ChannelBudgets updates;
  private final ChannelBudgets streams;

  /** Slack's documented tiers, with at least one second between two edits of one message. */
  public SlackBudgets() {
    this(Duration.ofSeconds(1), Duration.ofMillis(500));
  }

  /**
   * @param updateInterval the least time between two {@code chat.update} calls for one reply
   * @param streamInterval the least time between two {@code chat.appendStream} calls for one reply
   */
  public SlackBudgets(Duration updateInterval, Duration streamInterval) {
    this.updates = new ChannelBudgets(updateInterval, 50, Duration.ofMinutes(1));
    this.streams = new ChannelBudgets(streamInterval, 100, Duration.ofMinutes(1));
  }

  EditBudget updateBudget(String teamId) {
    return updates.forPlace(teamId);
  }

  EditBudget streamBudget(String teamId) {
    return streams.forPlace(teamId);
  }
}
