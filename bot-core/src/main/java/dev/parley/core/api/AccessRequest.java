package dev.parley.core.api;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who asks, and where: what an adapter knows from the platform event itself, before any I/O.
 *
 * @param settingsKey the conversation (or a key of its channel) whose per-channel settings list
 *     the allowed users and roles; its platform is the request's platform
 * @param workspace the Slack team or Discord guild; null for a Discord DM, which has none
 * @param channels the channel ids the message is in, any of which an allow-list may name: the
 *     channel, or a Discord thread and its parent channel
 * @param direct whether this is a direct message, whose channel id no operator can list
 * @param userId the platform user id of the person asking
 * @param roleIds the person's role ids (Discord guilds); empty elsewhere
 */
public record AccessRequest(
    ConversationKey settingsKey,
    String workspace,
    List<String> channels,
    boolean direct,
    String userId,
    Set<String> roleIds) {

  public AccessRequest {
    Objects.requireNonNull(settingsKey, "settingsKey");
    channels = channels == null ? List.of() : channels.stream().filter(Objects::nonNull).toList();
    Objects.requireNonNull(userId, "userId");
    roleIds = Set.copyOf(Objects.requireNonNullElse(roleIds, Set.of()));
    if (workspace == null && !direct) throw new IllegalArgumentException("only a direct message has no workspace");
  }

  public String platform() {
    return settingsKey.platform();
  }
}
