package dev.parley.deploy;

import dev.parley.core.logging.RedactedUrl;
import dev.parley.core.tickets.CreateTicketTool;
import dev.parley.core.tickets.LookupTicketTool;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Parley's whole configuration, validated. Built only by {@link #load(Map)}, which reads the
 * environment and the optional YAML file and reports every problem at once.
 *
 * <p>{@link #toString()} is safe to log: the records that hold secrets redact them.
 */
public record ParleyConfig(
    GroqSettings groq,
    Optional<SlackSettings> slack,
    Optional<DiscordSettings> discord,
    Optional<RedisEndpoint> redis,
    String redisPrefix,
    String ticketPrefix,
    int port,
    String logFormat,
    Duration shutdownGrace,
    ChannelTable channels) {

  /** The tools Parley ships; the YAML file and {@code PARLEY_TOOLS} may name only these. */
  public static final Set<String> KNOWN_TOOLS = Set.of(CreateTicketTool.NAME, LookupTicketTool.NAME);

  public ParleyConfig {
    Objects.requireNonNull(groq, "groq");
    Objects.requireNonNull(slack, "slack");
    Objects.requireNonNull(discord, "discord");
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(channels, "channels");
  }

  /**
   * Reads and validates the configuration.
   *
   * @param env the environment variables ({@code System.getenv()} in production)
   * @throws InvalidConfigException listing every problem found
   */
  public static ParleyConfig load(Map<String, String> env) {
    return new ConfigLoader(env).load();
  }

  /** True when neither Slack nor Discord is configured: Parley then chats on the console. */
  public boolean consoleMode() {
    return slack.isEmpty() && discord.isEmpty();
  }

  /** Groq's endpoint and key; the key is null when the server needs none. */
  public record GroqSettings(URI baseUrl, String apiKey) {
    @Override
    public String toString() {
      return "GroqSettings[baseUrl=" + RedactedUrl.of(baseUrl) + ", apiKey=" + (apiKey == null ? "(none)" : Redaction.kindOf(apiKey)) + "]";
    }
  }

  /**
   * Slack credentials. With an app token Parley uses Socket Mode; without one, the HTTP Events API
   * checked with the signing secret.
   */
  public record SlackSettings(String botToken, String appToken, String signingSecret, URI apiUrl) {
    public boolean socketMode() {
      return appToken != null;
    }

    @Override
    public String toString() {
      return "SlackSettings[botToken=" + Redaction.kindOf(botToken) + ", mode=" + (socketMode() ? "socket" : "http")
          + ", apiUrl=" + RedactedUrl.of(apiUrl) + "]";
    }
  }

  /** Discord credentials, the shards this process runs, and whether it reads messages or only commands. */
  public record DiscordSettings(String token, URI apiUrl, URI gatewayUrl, int shardTotal, Set<Integer> shardIds,
      List<String> commandGuilds, boolean listenToMessages) {
    public DiscordSettings {
      shardIds = Set.copyOf(shardIds);
      commandGuilds = List.copyOf(commandGuilds);
    }

    @Override
    public String toString() {
      return "DiscordSettings[token=(redacted), apiUrl=" + RedactedUrl.of(apiUrl) + ", gatewayUrl=" + RedactedUrl.of(gatewayUrl)
          + ", shards=" + shardIds + " of " + shardTotal + ", listenToMessages=" + listenToMessages + "]";
    }
  }
}
