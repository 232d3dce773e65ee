package dev.parley.core.api;

/**
 * Whether a request may use the bot, and if not, which dimension refused it. The reasons are a
 * small fixed set, safe as a metric tag: never text a user controls.
 */
public enum AccessDecision {
  ALLOWED(null),
  /** The Slack team or Discord guild (or, for a Discord DM, the lack of one) is not allowed. */
  WORKSPACE("workspace"),
  /** The channel (for a thread: neither it nor its parent) is not allowed. */
  CHANNEL("channel"),
  /** The channel allows only listed users or roles, and the person is neither. */
  USER("user");

  private final String reason;

  AccessDecision(String reason) {
    this.reason = reason;
  }

  public boolean allowed() {
    return this == ALLOWED;
  }

  /** The metric tag of a refusal; null when allowed. */
  public String reason() {
    return reason;
  }
}
