package dev.parley.deploy;

import dev.parley.core.api.RedactedUrl;
import dev.parley.core.internal.llm.groq.GroqTranscriptionConfig;
import dev.parley.core.internal.tickets.CreateTicketTool;
import dev.parley.core.internal.tickets.LookupTicketTool;
import dev.parley.core.internal.tools.mcp.McpServerSpec;
import dev.parley.discord.DiscordSettings;
import dev.parley.slack.SlackSettings;
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
 * <p>Slack and Discord are configured with the adapters' own settings records, which the
 * {@link Setting} table maps the environment onto once; nothing here restates them.
 *
 * <p>{@code tickets} says which tracker each channel's tickets go to ({@code PARLEY_TICKETS} and
 * the YAML {@code tickets:} key).
 *
 * <p>{@code transcription} is empty when voice is off ({@code PARLEY_TRANSCRIPTION_MODEL=off}).
 *
 * <p>{@code mcpServers} are the MCP tool servers to connect to; their specs redact env and header values.
 *
 * <p>{@link #toString()} is safe to log: the records that hold secrets redact them.
 */
record ParleyConfig(
    GroqSettings groq,
    Optional<GroqTranscriptionConfig> transcription,
    Optional<SlackSettings> slack,
    Optional<DiscordSettings> discord,
    Optional<RedisEndpoint> redis,
    String redisPrefix,
    String ticketPrefix,
    TicketLimits ticketLimits,
    int port,
    String logFormat,
    Duration shutdownGrace,
    ChannelTable channels,
    Bounds bounds,
    Access access,
    Attachments attachments,
    StatusWebhooks statusWebhooks,
    List<McpServerSpec> mcpServers,
    TicketRoutes tickets) {

  /** The tools Parley ships; the YAML file and {@code PARLEY_TOOLS} may name only these. */
  public static final Set<String> KNOWN_TOOLS = Set.of(CreateTicketTool.NAME, LookupTicketTool.NAME);

  public ParleyConfig {
    Objects.requireNonNull(groq, "groq");
    Objects.requireNonNull(transcription, "transcription");
    Objects.requireNonNull(slack, "slack");
    Objects.requireNonNull(discord, "discord");
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(ticketLimits, "ticketLimits");
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(bounds, "bounds");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(attachments, "attachments");
    Objects.requireNonNull(statusWebhooks, "statusWebhooks");
    mcpServers = List.copyOf(mcpServers);
    Objects.requireNonNull(tickets, "tickets");
  }

  /**
   * The secrets of the inbound ticket status webhooks; an endpoint whose secret is null is not
   * mounted. {@code jiraEmail} names Parley's own Jira account, whose comments are not echoed.
   */
  public record StatusWebhooks(String githubSecret, String jiraSecret, String genericSecret, String jiraEmail) {
    public static final StatusWebhooks OFF = new StatusWebhooks(null, null, null, null);

    @Override
    public String toString() {
      return "StatusWebhooks[github=" + shown(githubSecret) + ", jira=" + shown(jiraSecret) + ", generic="
          + shown(genericSecret) + "]";
    }

    private static String shown(String secret) {
      return secret == null ? "(off)" : Redaction.kindOf(secret);
    }
  }

  /**
   * How files that come with messages are read.
   *
   * @param visionModel the model that answers questions carrying images
   * @param maxDownloadBytes the largest attachment downloaded
   * @param maxFileChars the most characters read from one text file or PDF
   */
  public record Attachments(String visionModel, long maxDownloadBytes, int maxFileChars) {
    public Attachments {
      Objects.requireNonNull(visionModel, "visionModel");
      if (maxDownloadBytes < 1) throw new IllegalArgumentException("maxDownloadBytes must be positive");
      if (maxFileChars < 1) throw new IllegalArgumentException("maxFileChars must be positive");
    }
  }

  /**
   * Who may use the bot: each platform's workspace and channel allow-lists (empty restricts
   * nothing; {@code dm} stands for direct messages), and the admins as {@code platform:userId}.
   */
  public record Access(Set<String> slackTeams, Set<String> slackChannels, Set<String> discordGuilds,
      Set<String> discordChannels, Set<String> admins) {
    public static final Access OPEN = new Access(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public Access {
      slackTeams = Set.copyOf(slackTeams);
      slackChannels = Set.copyOf(slackChannels);
      discordGuilds = Set.copyOf(discordGuilds);
      discordChannels = Set.copyOf(discordChannels);
      admins = Set.copyOf(admins);
    }

    /** The core's policy; the per-channel users and roles come from {@code channels}. */
    public dev.parley.core.internal.access.AccessPolicy policy(ChannelTable channels) {
      return new dev.parley.core.internal.access.AccessPolicy(Map.of(
          "slack", new dev.parley.core.internal.access.AccessPolicy.Lists(slackTeams, slackChannels),
          "discord", new dev.parley.core.internal.access.AccessPolicy.Lists(discordGuilds, discordChannels)),
          admins, channels);
    }
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

  /**
   * What code allows, whatever the model asks for.
   *
   * @param perTurn tickets one answering turn may open, at least 1
   * @param perUserPerDay tickets one user may open per tenant and UTC day; 0 means no cap
   */
  public record TicketLimits(int perTurn, int perUserPerDay) {
    public TicketLimits {
      if (perTurn < 1) throw new IllegalArgumentException("perTurn must be at least 1");
      if (perUserPerDay < 0) throw new IllegalArgumentException("perUserPerDay must not be negative");
    }
  }

  /**
   * What one answer and one conversation may take, whatever users and the model send.
   *
   * @param maxMessageChars the longest message answered, in code points
   * @param turnDeadline how long one answer may take once its turn came
   * @param historyMaxBytes the most stored history per conversation
   * @param tenantDailyTokens model tokens per tenant and UTC day; 0 means unlimited
   */
  public record Bounds(int maxMessageChars, Duration turnDeadline, long historyMaxBytes, long tenantDailyTokens) {
    /** The smallest history bound accepted: a few ordinary exchanges. */
    public static final long MIN_HISTORY_BYTES = 16 * 1024;

    public Bounds {
      if (maxMessageChars < 1) throw new IllegalArgumentException("maxMessageChars must be positive");
      Objects.requireNonNull(turnDeadline, "turnDeadline");
      if (historyMaxBytes < MIN_HISTORY_BYTES) throw new IllegalArgumentException("historyMaxBytes is too small");
      if (tenantDailyTokens < 0) throw new IllegalArgumentException("tenantDailyTokens must not be negative");
    }
  }

  /** Groq's endpoint and key; the key is null when the server needs none. */
  public record GroqSettings(URI baseUrl, String apiKey) {
    @Override
    public String toString() {
      return "GroqSettings[baseUrl=" + RedactedUrl.of(baseUrl) + ", apiKey=" + (apiKey == null ? "(none)" : Redaction.kindOf(apiKey)) + "]";
    }
  }
}
