package dev.parley.core.api;

import java.util.Objects;

/**
 * Identifies one conversation: the platform, the tenant (a Slack team or Enterprise org, a Discord
 * guild or {@code dm-<userId>} for a user's DMs, the console's {@code local}), the channel, and
 * the thread (Slack {@code thread_ts}, a Discord thread id, or the DM channel). Two tenants that
 * reuse channel or thread ids never share a key.
 */
public record ConversationKey(String platform, String tenant, String channel, String thread) {

  public ConversationKey {
    platform = requireSegment(platform, "platform");
    tenant = requireSegment(tenant, "tenant");
    channel = requireSegment(channel, "channel");
    thread = requireSegment(thread, "thread");
  }

  /**
   * A stable, unambiguous string form: {@code platform:tenant:channel:thread}. Segments never
   * contain {@code :}, <code>{</code> or <code>}</code>, so the form is unique and safe inside a
   * Redis Cluster hash tag.
   */
  public String asString() {
    return platform + ":" + tenant + ":" + channel + ":" + thread;
  }

  /**
   * The tenant this conversation belongs to, {@code platform:tenant} (such as {@code slack:T0123}
   * or {@code discord:dm-42}): what one tenant owns (tickets, limits, budgets) is stored under it,
   * and no other tenant sees it. Safe inside a Redis Cluster hash tag, like {@link #asString()}.
   */
  public String tenantScope() {
    return platform + ":" + tenant;
  }

  /** The channel-level scope used for per-channel settings: {@code platform:tenant:channel}. */
  public String channelScope() {
    return platform + ":" + tenant + ":" + channel;
  }

  @Override
  public String toString() {
    return asString();
  }

  private static String requireSegment(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank() || value.matches(".*[:{}\\s].*")) {
      throw new IllegalArgumentException(name + " must be non-blank without ':', '{', '}' or spaces: " + value);
    }
    return value;
  }
}
