package dev.parley.core.internal.access;

import dev.parley.core.api.AccessDecision;
import dev.parley.core.api.AccessRequest;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ChannelSettingsResolver;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who may use the bot, and who may control an answer. Pure and free of I/O: adapters ask it on
 * the event thread, before they post, open a thread, or reach the engine.
 *
 * <p>A request passes three dimensions in turn, each unrestricted when its list is empty:
 * <ol>
 *   <li>the workspace (Slack team, Discord guild). A Discord DM has no guild, so a guild
 *       allow-list lets DMs in only when it names {@value #DIRECT_MESSAGES};
 *   <li>the channel. A thread passes when the thread or its parent channel is listed. A DM's
 *       channel id is per person and cannot be listed, so a channel allow-list lets DMs in only
 *       when it names {@value #DIRECT_MESSAGES};
 *   <li>the person, when the channel's settings list allowed users or (Discord) roles.
 * </ol>
 * Thread-safe.
 */
public final class AccessPolicy {
  /** The entry of a workspace or channel allow-list that stands for direct messages. */
  public static final String DIRECT_MESSAGES = "dm";

  /**
   * One platform's allow-lists; an empty list restricts nothing.
   *
   * @param workspaces Slack team ids or Discord guild ids
   * @param channels channel ids (a Discord thread also matches through its parent)
   */
  public record Lists(Set<String> workspaces, Set<String> channels) {
    public static final Lists NONE = new Lists(Set.of(), Set.of());

    public Lists {
      workspaces = Set.copyOf(Objects.requireNonNullElse(workspaces, Set.of()));
      channels = Set.copyOf(Objects.requireNonNullElse(channels, Set.of()));
    }
  }

  private final Map<String, Lists> lists;
  private final Set<String> admins;
  private final ChannelSettingsResolver channelSettings;

  /**
   * @param lists each platform's allow-lists, by platform name; a platform not named is open
   * @param admins who may stop or regenerate anyone's answer, as {@code platform:userId}
   * @param channelSettings where a channel's allowed users and roles come from
   */
  public AccessPolicy(Map<String, Lists> lists, Set<String> admins, ChannelSettingsResolver channelSettings) {
    this.lists = Map.copyOf(lists);
    this.admins = Set.copyOf(admins);
    this.channelSettings = Objects.requireNonNull(channelSettings, "channelSettings");
  }

  /** No allow-lists, no admins, no per-channel users: everyone may ask, only askers may control. */
  public static AccessPolicy open() {
    ChannelSettingsResolver none = key -> null;
    return new AccessPolicy(Map.of(), Set.of(), none);
  }

  public AccessDecision check(AccessRequest request) {
    Lists platform = lists.getOrDefault(request.platform(), Lists.NONE);
    if (!platform.workspaces().isEmpty() && !workspaceAllowed(platform.workspaces(), request)) {
      return AccessDecision.WORKSPACE;
    }
    if (!platform.channels().isEmpty() && !channelAllowed(platform.channels(), request)) {
      return AccessDecision.CHANNEL;
    }
    ChannelSettings settings = channelSettings.settingsFor(request.settingsKey());
    if (settings != null && settings.restrictsUsers()
        && !settings.allowedUsers().contains(request.userId())
        && request.roleIds().stream().noneMatch(settings.allowedRoles()::contains)) {
      return AccessDecision.USER;
    }
    return AccessDecision.ALLOWED;
  }

  /** Whether {@code userId} may stop or regenerate the answer {@code askerId} asked for. */
  public boolean mayControl(String platform, String userId, String askerId) {
    return userId.equals(askerId) || isAdmin(platform, userId);
  }

  /** Whether {@code userId} is listed as an admin of {@code platform}. */
  public boolean isAdmin(String platform, String userId) {
    return admins.contains(platform + ":" + userId);
  }

  /** Whether any workspace (server) that adds the bot may use it on {@code platform}. */
  public boolean anyWorkspace(String platform) {
    return lists.getOrDefault(platform, Lists.NONE).workspaces().isEmpty();
  }

  private static boolean workspaceAllowed(Set<String> allowed, AccessRequest request) {
    if (request.workspace() == null) return allowed.contains(DIRECT_MESSAGES);
    return allowed.contains(request.workspace());
  }

  private static boolean channelAllowed(Set<String> allowed, AccessRequest request) {
    if (request.direct()) return allowed.contains(DIRECT_MESSAGES);
    return request.channels().stream().anyMatch(allowed::contains);
  }
}
