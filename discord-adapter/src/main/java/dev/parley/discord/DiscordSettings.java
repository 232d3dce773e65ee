package dev.parley.discord;

import dev.parley.core.api.RedactedUrl;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How the Discord adapter connects and behaves. Built by {@code deploy} from the environment;
 * nothing here reads it.
 *
 * @param token the bot token; never printed by {@link #toString()}
 * @param apiUrl the REST base ending in {@code /}, such as {@code https://discord.com/api/v10/}
 *     or a rate-limit proxy
 * @param gatewayUrl the gateway WebSocket URL, such as {@code wss://gateway.discord.gg/}
 * @param shardTotal the total number of shards across all instances; 0 runs one unsharded client
 * @param shardIds the shards this instance runs; empty with a total means all of them
 * @param commandGuildIds guilds to register slash commands in (fast to update); empty registers
 *     them globally
 * @param adminOnlyModelSwitch whether {@code /model name} needs the Administrator permission
 * @param pingAuthorOnReply whether replies may mention the asking user (nobody else, ever)
 * @param listenToMessages whether mentions, thread follow-ups and DMs are answered; this is what
 *     needs the privileged MESSAGE_CONTENT intent
 */
public record DiscordSettings(
    String token,
    String apiUrl,
    String gatewayUrl,
    int shardTotal,
    List<Integer> shardIds,
    List<Long> commandGuildIds,
    boolean adminOnlyModelSwitch,
    boolean pingAuthorOnReply,
    boolean listenToMessages) {

  public static final String DEFAULT_API_URL = "https://discord.com/api/v10/";
  public static final String DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/";

  public DiscordSettings {
    Objects.requireNonNull(token, "token");
    if (token.isBlank()) throw new IllegalArgumentException("token must not be blank");
    apiUrl = Objects.requireNonNullElse(apiUrl, DEFAULT_API_URL);
    if (!apiUrl.endsWith("/")) apiUrl = apiUrl + "/";
    requireScheme(apiUrl, "apiUrl", "http", "https");
    gatewayUrl = Objects.requireNonNullElse(gatewayUrl, DEFAULT_GATEWAY_URL);
    requireScheme(gatewayUrl, "gatewayUrl", "ws", "wss");
    shardIds = List.copyOf(Objects.requireNonNullElse(shardIds, List.of()));
    commandGuildIds = List.copyOf(Objects.requireNonNullElse(commandGuildIds, List.of()));
    if (shardTotal < 0) throw new IllegalArgumentException("shardTotal must not be negative");
    if (shardTotal == 0 && !shardIds.isEmpty()) {
      throw new IllegalArgumentException("shardIds need a shardTotal");
    }
    for (int id : shardIds) {
      if (id < 0 || id >= shardTotal) {
        throw new IllegalArgumentException("shard id " + id + " is outside 0.." + (shardTotal - 1));
      }
    }
  }

  /** The defaults: Discord's own endpoints, one unsharded client, global commands. */
  public static DiscordSettings withToken(String token) {
    return new DiscordSettings(token, null, null, 0, List.of(), List.of(), false, false, true);
  }

  public DiscordSettings withEndpoints(String apiUrl, String gatewayUrl) {
    return new DiscordSettings(token, apiUrl, gatewayUrl, shardTotal, shardIds, commandGuildIds,
        adminOnlyModelSwitch, pingAuthorOnReply, listenToMessages);
  }

  public DiscordSettings withCommandGuilds(List<Long> guildIds) {
    return new DiscordSettings(token, apiUrl, gatewayUrl, shardTotal, shardIds, guildIds,
        adminOnlyModelSwitch, pingAuthorOnReply, listenToMessages);
  }

  public DiscordSettings withShards(int total, List<Integer> ids) {
    return new DiscordSettings(token, apiUrl, gatewayUrl, total, ids, commandGuildIds,
        adminOnlyModelSwitch, pingAuthorOnReply, listenToMessages);
  }

  public DiscordSettings withAdminOnlyModelSwitch(boolean adminOnly) {
    return new DiscordSettings(token, apiUrl, gatewayUrl, shardTotal, shardIds, commandGuildIds,
        adminOnly, pingAuthorOnReply, listenToMessages);
  }

  public DiscordSettings withPingAuthorOnReply(boolean ping) {
    return new DiscordSettings(token, apiUrl, gatewayUrl, shardTotal, shardIds, commandGuildIds,
        adminOnlyModelSwitch, ping, listenToMessages);
  }

  public DiscordSettings withListenToMessages(boolean listen) {
    return new DiscordSettings(token, apiUrl, gatewayUrl, shardTotal, shardIds, commandGuildIds,
        adminOnlyModelSwitch, pingAuthorOnReply, listen);
  }

  public boolean sharded() {
    return shardTotal > 0;
  }

  /** True unless the gateway is Discord's own: a custom one gets no zlib-stream compression. */
  public boolean customGateway() {
    return !DEFAULT_GATEWAY_URL.equals(gatewayUrl);
  }

  @Override
  public String toString() {
    return "DiscordSettings[token=***, apiUrl=" + RedactedUrl.of(apiUrl) + ", gatewayUrl=" + RedactedUrl.of(gatewayUrl)
        + ", shardTotal=" + shardTotal + ", shardIds=" + shardIds
        + ", commandGuildIds=" + commandGuildIds + ", adminOnlyModelSwitch=" + adminOnlyModelSwitch
        + ", pingAuthorOnReply=" + pingAuthorOnReply + ", listenToMessages=" + listenToMessages + "]";
  }

  private static void requireScheme(String url, String name, String... schemes) {
    String scheme;
    try {
      scheme = URI.create(url).getScheme();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not a URL: " + RedactedUrl.of(url), e);
    }
    if (scheme == null || !List.of(schemes).contains(scheme)) {
      throw new IllegalArgumentException(name + " must use " + String.join(" or ", schemes) + ": " + RedactedUrl.of(url));
    }
  }
}
