package dev.parley.core.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A channel's handoff to people: whom to call, and how long Parley then stays quiet in the thread.
 * Off where no group is configured, and then nobody is ever pinged.
 *
 * @param onCallGroup the one group a handoff pings, from configuration: a Slack user group id
 *     ({@code S0123ABCD}) or a Discord role id; null when handoff is off
 * @param quietFor how long Parley stays quiet in a handed-off thread unless someone says
 *     {@code resume} sooner
 */
public record HandoffSettings(String onCallGroup, Duration quietFor) {
  /** Four hours: a support shift's reaction time, after which an unanswered thread gets the bot back. */
  public static final Duration DEFAULT_QUIET_FOR = Duration.ofHours(4);
  public static final HandoffSettings OFF = new HandoffSettings(null, DEFAULT_QUIET_FOR);

  public HandoffSettings {
    Objects.requireNonNull(quietFor, "quietFor");
    if (quietFor.isNegative() || quietFor.isZero()) throw new IllegalArgumentException("quietFor must be positive");
    if (onCallGroup != null && !onCallGroup.matches("[A-Z0-9]{2,}|\\d{5,20}")) {
      throw new IllegalArgumentException("onCallGroup must be a Slack user group id or a Discord role id: " + onCallGroup);
    }
  }

  /** Whether a handoff can happen here: a group to call is configured. */
  public boolean enabled() {
    return onCallGroup != null;
  }
}
