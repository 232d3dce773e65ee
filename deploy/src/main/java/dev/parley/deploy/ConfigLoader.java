package dev.parley.deploy;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.RequestLimit;
import dev.parley.core.internal.attachments.AttachmentLimits;
import dev.parley.core.internal.llm.groq.GroqTranscriptionConfig;
import dev.parley.core.internal.tools.mcp.McpServerSpec;
import dev.parley.discord.DiscordSettings;
import dev.parley.slack.SlackSettings;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns environment variables and the YAML file into a {@link ParleyConfig}. Every check adds to
 * one list of problems instead of throwing, so a single start shows everything to fix.
 */
final class ConfigLoader {
  static final RequestLimit DEFAULT_USER_LIMIT = new RequestLimit(20, Duration.ofMinutes(10));
  static final RequestLimit DEFAULT_CONVERSATION_LIMIT = new RequestLimit(60, Duration.ofMinutes(10));
  static final Duration DEFAULT_REPLY_CADENCE = Duration.ofSeconds(1);
  private static final Set<String> HTTP = Set.of("http", "https");
  /** Groq's upload limit on its dev tier; audio is held in memory, so nothing larger is taken. */
  private static final long MAX_AUDIO_BYTES = 100L * 1024 * 1024;

  private final Map<String, String> env;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private List<McpServerConfig.Entry> yamlMcpServers = List.of();

  ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  ParleyConfig load() {
    ParleyConfig.GroqSettings groq = groq();
    Optional<GroqTranscriptionConfig> transcription = transcription();
    Optional<SlackSettings> slack = new SlackChecks(this).settings();
    Optional<DiscordSettings> discord = discord();
    Optional<RedisEndpoint> redis = optional(Setting.REDIS_URL).flatMap(url -> parse(Setting.REDIS_URL,
        RedisEndpoint::parse, url, "write it like redis://host:6379/0 (see docs/operations.md for Sentinel and Cluster)"));
    int poolSize = redisPoolSize();
    redis = redis.map(endpoint -> endpoint.withPoolSize(poolSize));
    String redisPrefix = matching(Setting.PARLEY_REDIS_PREFIX, "[^\\s{}]{1,64}", "use up to 64 characters without spaces or braces");
    String ticketPrefix = matching(Setting.PARLEY_TICKET_PREFIX, "[A-Z][A-Z0-9]{0,15}", "use 1 to 16 capital letters or digits, like SUP");
    ParleyConfig.TicketLimits ticketLimits = new ParleyConfig.TicketLimits(
        count(Setting.PARLEY_MAX_TICKETS_PER_TURN, 1, "use a whole number of at least 1, such as 3"),
        count(Setting.PARLEY_MAX_TICKETS_PER_USER_PER_DAY, 0, "use a whole number such as 20, or 0 for no cap"));
    int port = parse(Setting.PORT, ConfigValues::port, value(Setting.PORT), "use a port number such as 3000").orElse(0);
    String logFormat = matching(Setting.LOG_FORMAT, "text|json", "use text or json");
    Duration grace = parse(Setting.PARLEY_SHUTDOWN_GRACE, ConfigValues::duration, value(Setting.PARLEY_SHUTDOWN_GRACE),
        "write a duration such as 20s").orElse(Duration.ZERO);
    TicketRouteReader ticketRoutes = new TicketRouteReader(env, this::value, problems);
    ChannelTable channels = channels(ticketRoutes);
    List<McpServerSpec> mcpServers = mcpServers(channels);
    ParleyConfig.Bounds bounds = bounds();
    ParleyConfig.Access access = access();
    ParleyConfig.Attachments attachments = attachments();
    ParleyConfig.StatusWebhooks statusWebhooks = statusWebhooks();
    misspelledNames();
    if (!problems.isEmpty()) throw new InvalidConfigException(problems);
    return new ParleyConfig(groq, transcription, slack, discord, redis, redisPrefix, ticketPrefix, ticketLimits, port,
        logFormat, grace, channels, bounds, access, attachments, statusWebhooks, mcpServers, ticketRoutes.routes());
  }

  // ---- shared helpers, also used by SlackChecks ----

  /** The variable's value, or its default; null when neither exists. */
  String value(Setting setting) {
    String value = env.get(setting.name());
    return value == null || value.isBlank() ? setting.defaultValue().orElse(null) : value.trim();
  }

  Optional<String> optional(Setting setting) {
    return Optional.ofNullable(value(setting)).filter(v -> !v.isEmpty());
  }

  void problem(Setting setting, String problem, String fix) {
    problems.add(new ConfigProblem(setting.name(), problem, fix));
  }

  /** Parses a value, reporting a failure under the setting's name. */
  <T> Optional<T> parse(Setting setting, Function<String, T> parser, String value, String fix) {
    try {
      return Optional.of(parser.apply(value));
    } catch (IllegalArgumentException e) {
      problem(setting, e.getMessage(), fix);
      return Optional.empty();
    }
  }

  URI url(Setting setting, Set<String> schemes) {
    return parse(setting, v -> ConfigValues.url(v, schemes), value(setting),
        "write a full URL such as " + setting.defaultValue().orElse("https://host/")).orElse(null);
  }

  // ---- sections ----

  private int redisPoolSize() {
    int size = parse(Setting.REDIS_POOL_SIZE, ConfigValues::integer, value(Setting.REDIS_POOL_SIZE),
        "use a whole number of at least " + RedisEndpoint.MIN_POOL_SIZE).orElse(RedisEndpoint.DEFAULT_POOL_SIZE);
    if (size >= RedisEndpoint.MIN_POOL_SIZE) return size;
    problem(Setting.REDIS_POOL_SIZE, "must be at least " + RedisEndpoint.MIN_POOL_SIZE
        + " (the stop subscription holds one connection for good)", "use " + RedisEndpoint.DEFAULT_POOL_SIZE);
    return RedisEndpoint.DEFAULT_POOL_SIZE;
  }

  private ParleyConfig.GroqSettings groq() {
    URI baseUrl = url(Setting.GROQ_BASE_URL, HTTP);
    String key = optional(Setting.GROQ_API_KEY).orElse(null);
    boolean realGroq = baseUrl != null && "api.groq.com".equalsIgnoreCase(baseUrl.getHost());
    if (key == null && realGroq) {
      problem(Setting.GROQ_API_KEY, "is missing",
          "create a key at console.groq.com/keys and set GROQ_API_KEY, or point GROQ_BASE_URL at any OpenAI-compatible"
              + " server, such as a local Ollama (http://localhost:11434/v1) or vLLM, which needs no key");
    } else if (key != null && (key.startsWith("xox") || key.startsWith("xapp-"))) {
      problem(Setting.GROQ_API_KEY, "holds a Slack token (" + Redaction.kindOf(key) + ")",
          "set GROQ_API_KEY to your Groq key (gsk_...)");
    }
    return new ParleyConfig.GroqSettings(baseUrl, key);
  }

  /** Voice transcription; empty when {@code PARLEY_TRANSCRIPTION_MODEL} is {@code off}. */
  private Optional<GroqTranscriptionConfig> transcription() {
    long maxBytes = parse(Setting.PARLEY_MAX_AUDIO_BYTES, ConfigValues::bytes, value(Setting.PARLEY_MAX_AUDIO_BYTES),
        "write a size such as 25MiB").orElse(GroqTranscriptionConfig.DEFAULT_MAX_AUDIO_BYTES);
    if (maxBytes < 1 || maxBytes > MAX_AUDIO_BYTES) {
      problem(Setting.PARLEY_MAX_AUDIO_BYTES, "must be between 1 byte and 100MiB, the most Groq takes",
          "use 25MiB on Groq's free tier, or up to 100MiB on the dev tier");
      maxBytes = GroqTranscriptionConfig.DEFAULT_MAX_AUDIO_BYTES;
    }
    String language = optional(Setting.PARLEY_TRANSCRIPTION_LANGUAGE).orElse(null);
    if (language != null && !language.matches("[a-z]{2}")) {
      problem(Setting.PARLEY_TRANSCRIPTION_LANGUAGE, "is not an ISO-639-1 language code",
          "write a two-letter code such as en or de, or leave it empty to detect the language");
      language = null;
    }
    String model = value(Setting.PARLEY_TRANSCRIPTION_MODEL);
    if (model.equalsIgnoreCase("off")) return Optional.empty();
    return Optional.of(GroqTranscriptionConfig.defaults().withModel(model).withMaxAudioBytes(maxBytes)
        .withLanguage(language));
  }

  /** Discord's settings mapped onto the adapter's {@link DiscordSettings}; empty when Discord is off. */
  private Optional<DiscordSettings> discord() {
    Optional<String> token = optional(Setting.DISCORD_TOKEN);
    URI apiUrl = url(Setting.DISCORD_API_URL, HTTP);
    URI gatewayUrl = url(Setting.DISCORD_GATEWAY_URL, Set.of("ws", "wss"));
    int total = parse(Setting.DISCORD_SHARD_TOTAL, ConfigValues::integer, value(Setting.DISCORD_SHARD_TOTAL),
        "use a whole number of at least 1").orElse(1);
    if (total < 1) {
      problem(Setting.DISCORD_SHARD_TOTAL, "must be at least 1", "use a whole number of at least 1");
      total = 1;
    }
    int shards = total;
    Set<Integer> ids = parse(Setting.DISCORD_SHARD_IDS, v -> ConfigValues.shardIds(v, shards),
        value(Setting.DISCORD_SHARD_IDS), "list shard ids below DISCORD_SHARD_TOTAL, like 0,1 or 2-3").orElse(Set.of());
    if (ids.isEmpty()) ids = allShards(total);
    List<String> guilds = ConfigValues.list(value(Setting.DISCORD_COMMAND_GUILDS));
    if (guilds.stream().anyMatch(g -> !g.matches("\\d{5,20}"))) {
      problem(Setting.DISCORD_COMMAND_GUILDS, "holds something that is not a guild id",
          "list numeric guild ids (Developer Mode > right-click the server > Copy Server ID)");
    }
    if (token.isPresent() && (token.get().startsWith("xox") || token.get().startsWith("xapp-"))) {
      problem(Setting.DISCORD_TOKEN, "holds a Slack token (" + Redaction.kindOf(token.get()) + ")",
          "copy the bot token from the Discord Developer Portal > your app > Bot > Reset Token");
    }
    boolean listen = flag(Setting.DISCORD_LISTEN_TO_MESSAGES);
    boolean adminOnlyModelSwitch = flag(Setting.DISCORD_ADMIN_ONLY_MODEL_SWITCH);
    boolean pingAuthor = flag(Setting.DISCORD_PING_AUTHOR_ON_REPLY);
    if (token.isEmpty() || guilds.stream().anyMatch(g -> !g.matches("\\d{5,20}"))) return Optional.empty();
    // One shard in all is an unsharded client, which needs no GET gateway/bot: the adapter's total 0.
    int adapterTotal = total == 1 ? 0 : total;
    List<Integer> shardIds = total == 1 ? List.of() : List.copyOf(new TreeSet<>(ids));
    List<Long> commandGuilds = guilds.stream().map(Long::parseLong).toList();
    return parse(Setting.DISCORD_TOKEN, t -> new DiscordSettings(t, text(apiUrl), text(gatewayUrl), adapterTotal,
        shardIds, commandGuilds, adminOnlyModelSwitch, pingAuthor, listen), token.get(),
        "check DISCORD_API_URL, DISCORD_GATEWAY_URL and the shard settings");
  }

  /** A true/false setting; on a problem, reported, its default. */
  boolean flag(Setting setting) {
    return parse(setting, ConfigValues::bool, value(setting), "write true or false")
        .orElse(Boolean.parseBoolean(setting.defaultValue().orElseThrow()));
  }

  private static String text(URI url) {
    return url == null ? null : url.toString();
  }

  private ParleyConfig.Bounds bounds() {
    int maxChars = parse(Setting.PARLEY_MAX_MESSAGE_CHARS, ConfigValues::integer, value(Setting.PARLEY_MAX_MESSAGE_CHARS),
        "use a whole number of characters, such as 16000").orElse(0);
    if (maxChars < 1) {
      problem(Setting.PARLEY_MAX_MESSAGE_CHARS, "must be at least 1", "use a whole number of characters, such as 16000");
      maxChars = 1;
    }
    Duration deadline = parse(Setting.PARLEY_TURN_DEADLINE, ConfigValues::duration, value(Setting.PARLEY_TURN_DEADLINE),
        "write a duration such as 3m").orElse(Duration.ofMinutes(3));
    if (deadline.isZero()) {
      problem(Setting.PARLEY_TURN_DEADLINE, "must be longer than zero", "write a duration such as 3m");
      deadline = Duration.ofMinutes(3);
    }
    long historyBytes = parse(Setting.PARLEY_HISTORY_MAX_BYTES, ConfigValues::bytes, value(Setting.PARLEY_HISTORY_MAX_BYTES),
        "write a size such as 256KiB").orElse(ParleyConfig.Bounds.MIN_HISTORY_BYTES);
    // A character takes up to 4 bytes in UTF-8: a smaller history could not keep the longest message.
    long needed = Math.max(ParleyConfig.Bounds.MIN_HISTORY_BYTES, 4L * maxChars);
    if (historyBytes < needed) {
      problem(Setting.PARLEY_HISTORY_MAX_BYTES, "is too small to keep the longest message (" + maxChars + " characters)",
          "use at least " + needed + " bytes, or lower PARLEY_MAX_MESSAGE_CHARS");
      historyBytes = needed;
    }
    long dailyTokens = optional(Setting.PARLEY_TENANT_DAILY_TOKENS).flatMap(v -> parse(Setting.PARLEY_TENANT_DAILY_TOKENS,
        ConfigValues::wholeNumber, v, "use a whole number of tokens, such as 2000000, or leave it empty")).orElse(0L);
    if (dailyTokens < 0) {
      problem(Setting.PARLEY_TENANT_DAILY_TOKENS, "must not be negative", "use a whole number of tokens, or leave it empty");
      dailyTokens = 0;
    }
    return new ParleyConfig.Bounds(maxChars, deadline, historyBytes, dailyTokens);
  }

  private ParleyConfig.Attachments attachments() {
    String visionModel = matching(Setting.PARLEY_VISION_MODEL, "\\S{1,200}",
        "name one model without spaces, such as meta-llama/llama-4-scout-17b-16e-instruct");
    long maxBytes = parse(Setting.PARLEY_ATTACHMENT_MAX_BYTES, ConfigValues::bytes, value(Setting.PARLEY_ATTACHMENT_MAX_BYTES),
        "write a size such as 10MiB").orElse(AttachmentLimits.DEFAULT_MAX_DOWNLOAD_BYTES);
    if (maxBytes < 1024) {
      problem(Setting.PARLEY_ATTACHMENT_MAX_BYTES, "must be at least 1KiB", "write a size such as 10MiB");
      maxBytes = AttachmentLimits.DEFAULT_MAX_DOWNLOAD_BYTES;
    }
    int maxChars = count(Setting.PARLEY_ATTACHMENT_MAX_CHARS, 1, "use a whole number of characters, such as 40000");
    return new ParleyConfig.Attachments(visionModel == null ? "" : visionModel, maxBytes, maxChars);
  }

  private ParleyConfig.StatusWebhooks statusWebhooks() {
    return new ParleyConfig.StatusWebhooks(webhookSecret(Setting.GITHUB_WEBHOOK_SECRET),
        webhookSecret(Setting.JIRA_WEBHOOK_SECRET), webhookSecret(Setting.TICKET_WEBHOOK_SECRET),
        optional(Setting.JIRA_EMAIL).orElse(null));
  }

  /** A shared HMAC secret: a short one could be guessed offline from one signed request. */
  private String webhookSecret(Setting setting) {
    String secret = optional(setting).orElse(null);
    if (secret != null && secret.length() < 16) {
      problem(setting, "is shorter than 16 characters", "use a random secret, such as the output of openssl rand -hex 32, "
          + "and set the same value in the tracker's webhook");
      return null;
    }
    return secret;
  }

  private ParleyConfig.Access access() {
    return new ParleyConfig.Access(
        ids(Setting.SLACK_ALLOWED_TEAMS, "T[A-Z0-9]{2,}", false,
            "list Slack team ids like T0123ABCD (in an Enterprise org, each workspace's own T id)"),
        ids(Setting.SLACK_ALLOWED_CHANNELS, "[CGD][A-Z0-9]{2,}", true,
            "list Slack channel ids like C0123ABCD (channel details > About), and dm for direct messages"),
        ids(Setting.DISCORD_ALLOWED_GUILDS, "\\d{5,20}", true,
            "list numeric guild ids (Developer Mode > right-click the server > Copy Server ID), and dm for DMs"),
        ids(Setting.DISCORD_ALLOWED_CHANNELS, "\\d{5,20}", true,
            "list numeric channel ids (Developer Mode > right-click the channel > Copy Channel ID), and dm for DMs"),
        ids(Setting.PARLEY_ADMINS, "(slack:[UW][A-Z0-9]{2,}|discord:\\d{5,20})", false,
            "write each admin as platform:user-id, like slack:U0123ABCD or discord:123456789012345678"));
  }

  /** A comma-separated allow-list; {@code dm} is accepted where direct messages can be named. */
  private Set<String> ids(Setting setting, String pattern, boolean dm, String fix) {
    Set<String> ids = new java.util.LinkedHashSet<>();
    for (String id : ConfigValues.list(value(setting))) {
      if (id.matches(pattern) || (dm && id.equals(dev.parley.core.internal.access.AccessPolicy.DIRECT_MESSAGES))) {
        ids.add(id);
      } else {
        problem(setting, "holds '" + id + "', which is not an id of the right kind", fix);
      }
    }
    return ids;
  }

  /**
   * MCP servers from {@code PARLEY_MCP_SERVERS} or the YAML file's {@code mcp_servers:}, not both:
   * two lists would leave an operator guessing which server a name means.
   */
  private List<McpServerSpec> mcpServers(ChannelTable channels) {
    McpServerConfig config = new McpServerConfig(env, problems);
    Optional<String> json = optional(Setting.PARLEY_MCP_SERVERS);
    if (json.isPresent() && !yamlMcpServers.isEmpty()) {
      problem(Setting.PARLEY_MCP_SERVERS, "is set, and the PARLEY_CONFIG file also has mcp_servers",
          "configure MCP servers in one of the two places");
    }
    List<McpServerSpec> servers = config.specs(json.map(config::fromJson).orElse(yamlMcpServers));
    config.checkReferences(channels, servers);
    return servers;
  }

  private ChannelTable channels(TicketRouteReader tickets) {
    ChannelSettings base = baseChannelSettings();
    Optional<String> file = optional(Setting.PARLEY_CONFIG);
    if (file.isEmpty()) return new ChannelTable(base, Map.of());
    Path path = Path.of(file.get());
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      ChannelFileReader reader = new ChannelFileReader(path.getFileName().toString(), problems, tickets);
      ChannelTable table = reader.read(in, base);
      yamlMcpServers = reader.mcpServers();
      return table;
    } catch (IOException e) {
      problem(Setting.PARLEY_CONFIG, "cannot read " + path + " (" + e.getClass().getSimpleName() + ")",
          "point PARLEY_CONFIG at a readable YAML file, or unset it");
      return new ChannelTable(base, Map.of());
    }
  }

  private ChannelSettings baseChannelSettings() {
    Set<String> tools = new HashSet<>();
    for (String tool : ConfigValues.list(value(Setting.PARLEY_TOOLS))) {
      if (ParleyConfig.KNOWN_TOOLS.contains(tool) || McpServerConfig.isMcpToolName(tool)) {
        tools.add(tool);
      } else {
        problem(Setting.PARLEY_TOOLS, "names unknown tool '" + tool + "'"
            + Suggestions.didYouMean(tool, ParleyConfig.KNOWN_TOOLS),
            "list tools from: " + String.join(", ", ParleyConfig.KNOWN_TOOLS.stream().sorted().toList()));
      }
    }
    return new ChannelSettings(value(Setting.PARLEY_SYSTEM_PROMPT), value(Setting.PARLEY_MODEL),
        ConfigValues.list(value(Setting.PARLEY_FALLBACK_MODELS)), false, tools,
        DEFAULT_USER_LIMIT, DEFAULT_CONVERSATION_LIMIT, DEFAULT_REPLY_CADENCE);
  }

  /**
   * A variable one or two letters away from a setting is almost surely a typo, and silently
   * ignoring it would leave, say, Slack off without a word. Names further away may belong to
   * other software and are left alone.
   */
  private void misspelledNames() {
    List<String> settings = java.util.Arrays.stream(Setting.values()).map(Setting::name).toList();
    for (String name : new TreeSet<>(env.keySet())) {
      if (Setting.isKnown(name) || !name.matches("(PARLEY|SLACK|DISCORD|GROQ|REDIS)_[A-Z0-9_]*")) continue;
      Suggestions.closest(name, settings, 2).ifPresent(setting -> problems.add(new ConfigProblem(name,
          "is not a Parley setting, did you mean " + setting + "?", "rename it to " + setting)));
    }
  }

  /** A whole number of at least {@code min}; on a problem, reported, its default or {@code min}. */
  private int count(Setting setting, int min, String fix) {
    int fallback = Integer.parseInt(setting.defaultValue().orElseThrow());
    int parsed = parse(setting, ConfigValues::integer, value(setting), fix).orElse(fallback);
    if (parsed < min) {
      problem(setting, "must be at least " + min, fix);
      return fallback;
    }
    return parsed;
  }

  private String matching(Setting setting, String regex, String fix) {
    String value = value(setting);
    if (value == null || !value.matches(regex)) {
      problem(setting, value == null ? "is missing" : "is not valid", fix);
    }
    return value;
  }

  private static Set<Integer> allShards(int total) {
    Set<Integer> all = new HashSet<>();
    for (int i = 0; i < total; i++) all.add(i);
    return all;
  }
}
