package dev.parley.slack;

import java.time.Duration;
import java.util.Objects;

/**
 * How much Parley may read of a Slack thread with {@code conversations.replies}: when it is
 * mentioned deep in a thread, and to learn whether it is part of a thread.
 *
 * <p>Slack's limits for that method depend on how the app is distributed
 * (docs.slack.dev/reference/methods/conversations.replies, and the changelog "Rate limit changes
 * for non-Marketplace apps", 2025-05-29): an app distributed outside the Slack Marketplace may
 * call it once a minute, with {@code limit} at most (and by default) 15 messages, for new
 * installations since 2025-05-29 and for existing ones from 2026-03-03; Marketplace apps and
 * internal, customer-built apps keep Tier 3 (about 50 a minute) and a {@code limit} of up to
 * 1,000 (Slack recommends no more than 200). The defaults are the strict ones, which hold for
 * every app: an internal app may raise them.
 *
 * @param pageSize the {@code limit} of one call, 1 to 1,000
 * @param readsPerMinute calls this instance makes at most in any minute (Slack counts per
 *     workspace and app); 0 turns reading threads off
 * @param cacheFor how long a thread once read is answered from memory, and a failed read is not
 *     tried again
 */
public record SlackThreadReads(int pageSize, int readsPerMinute, Duration cacheFor) {

  /** The limits of an app outside the Slack Marketplace: 15 messages, once a minute. */
  public static final SlackThreadReads NON_MARKETPLACE = new SlackThreadReads(15, 1, Duration.ofMinutes(1));
  /** Tier 3 with Slack's recommended page, for Marketplace and internal apps. */
  public static final SlackThreadReads TIER_3 = new SlackThreadReads(200, 50, Duration.ofMinutes(1));

  public SlackThreadReads {
    if (pageSize < 1 || pageSize > 1_000) throw new IllegalArgumentException("pageSize must be 1 to 1000: " + pageSize);
    if (readsPerMinute < 0) throw new IllegalArgumentException("readsPerMinute must not be negative: " + readsPerMinute);
    Objects.requireNonNull(cacheFor, "cacheFor");
    if (cacheFor.isNegative()) throw new IllegalArgumentException("cacheFor must not be negative");
  }

  public boolean enabled() {
    return readsPerMinute > 0;
  }
}
