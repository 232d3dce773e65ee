package dev.parley.deploy;

import java.util.Optional;

/**
 * Every environment variable Parley reads: its name, what it is for, its default, and whether it
 * holds a secret. This one table drives {@code --help}, validation, and the manifest checks, so a
 * setting cannot exist in one place and be missing from another.
 */
public enum Setting {
  GROQ_API_KEY("Groq API key (gsk_...). Required unless GROQ_BASE_URL points at another server.", null, true),
  GROQ_BASE_URL("Groq's OpenAI-compatible base URL.", "https://api.groq.com/openai/v1", false),
  PARLEY_MODEL("Default model for every channel.", "llama-3.3-70b-versatile", false),
  PARLEY_TRANSCRIPTION_MODEL("Whisper model that transcribes voice messages and audio clips, which are then answered "
      + "like typed text; off turns voice off (audio then gets a notice).", "whisper-large-v3-turbo", false),
  PARLEY_MAX_AUDIO_BYTES("Largest voice message or audio clip transcribed, in bytes or with KiB/MiB; a larger one gets a "
      + "notice and is not uploaded. Groq takes 25MiB on its free tier and 100MiB on the dev tier.", "25MiB", false),
  PARLEY_TRANSCRIPTION_LANGUAGE("ISO-639-1 code of the language people speak (en, de), which makes transcription "
      + "faster and more accurate; empty lets Whisper detect the language of each clip.", null, false),
  PARLEY_FALLBACK_MODELS("Comma-separated models tried in order when the model answers 429 or 503.", "", false),
  PARLEY_SYSTEM_PROMPT("Default system prompt.",
      "You are Parley, a helpful assistant in a team chat. Answer concisely and say when you are unsure.", false),
  PARLEY_TOOLS("Comma-separated tools the model may call by default (create_ticket, lookup_ticket).",
      "create_ticket,lookup_ticket", false),
  PARLEY_TICKET_PREFIX("Prefix of ticket ids, such as SUP in SUP-42.", "SUP", false),
  PARLEY_MAX_TICKETS_PER_TURN("Tickets the model may open while answering one message; further create_ticket calls get "
      + "an error the model explains.", "3", false),
  PARLEY_MAX_TICKETS_PER_USER_PER_DAY("Tickets one user may open per workspace or server and UTC day, by the model or "
      + "by /ticket; 0 means no cap.", "20", false),
  PARLEY_TICKETS("Where tickets go by default: embedded (Parley's own store), github, jira or webhook; a channel's "
      + "'tickets:' in PARLEY_CONFIG may choose another (see docs/operations.md).", "embedded", false),
  GITHUB_TOKEN("GitHub token that opens issues (a fine-grained token with Issues: read and write), for github tickets.",
      null, true),
  GITHUB_REPO("Repository of github tickets, as owner/name.", null, false),
  GITHUB_API_URL("GitHub REST API base URL; https://HOST/api/v3 for GitHub Enterprise Server.", "https://api.github.com",
      false),
  JIRA_URL("Jira Cloud site of jira tickets, such as https://acme.atlassian.net.", null, false),
  JIRA_EMAIL("Email of the Atlassian account whose API token Parley uses, for jira tickets; comments by it are not "
      + "posted back to the thread.", null, false),
  JIRA_API_TOKEN("Atlassian API token of JIRA_EMAIL, for jira tickets.", null, true),
  JIRA_PROJECT("Jira project key of jira tickets, such as SUP.", null, false),
  JIRA_ISSUE_TYPE("Issue type of jira tickets, as the project names it.", "Task", false),
  TICKET_WEBHOOK_URL("URL that webhook tickets are POSTed to, signed with TICKET_WEBHOOK_SECRET (see docs/operations.md).",
      null, false),
  TICKET_WEBHOOK_SECRET("Shared secret of the generic ticket webhook: signs what Parley sends to TICKET_WEBHOOK_URL, "
      + "and status reports to POST /webhooks/tickets (unset leaves that endpoint off). At least 16 characters.",
      null, true),
  PARLEY_CONFIG("Path of an optional YAML file with per-channel settings (see docs/operations.md).", null, false),
  PARLEY_MCP_SERVERS("MCP tool servers as a JSON array shaped like the YAML file's mcp_servers entries, for deployments "
      + "without the file, such as [{\"name\":\"wiki\",\"url\":\"https://wiki.example.com/mcp\",\"headers\":"
      + "{\"Authorization\":\"Bearer ${WIKI_TOKEN}\"}}]. Their tools are offered as name__tool to channels that list "
      + "them in tools (see docs/operations.md).", null, true),
  PARLEY_ADMINS("Comma-separated people who may stop or regenerate anyone's answer, as platform:user-id, "
      + "such as slack:U0123ABCD,discord:123456789012345678.", "", false),
  SLACK_BOT_TOKEN("Slack bot token (xoxb-...). Setting it turns Slack on.", null, true),
  SLACK_APP_TOKEN("Slack app-level token (xapp-...) with connections:write, for Socket Mode.", null, true),
  SLACK_SIGNING_SECRET("Slack signing secret, for the HTTP Events API on POST /slack/events instead of Socket Mode.",
      null, true),
  SLACK_API_URL("Slack Web API base URL.", "https://slack.com/api/", false),
  SLACK_FILES_URL("Slack's file host: the one address the bot token is sent to when Parley downloads a shared file "
      + "(url_private); files elsewhere are refused.", "https://files.slack.com/", false),
  SLACK_ANSWER_THREAD_FOLLOW_UPS("Whether replies in a Slack thread the bot already answered in are answered without a "
      + "new mention; false answers only mentions and DMs.", "true", false),
  SLACK_ALLOW_OTHER_BOTS("Whether messages that other Slack bots write are answered; off by default, so two bots "
      + "cannot answer each other in a loop.", "false", false),
  SLACK_THREAD_READS_PER_MINUTE("conversations.replies calls Parley makes at most per minute, to quote a thread it is "
      + "mentioned in and to learn whether it is part of one; Slack allows an app outside its Marketplace 1, internal "
      + "and Marketplace apps about 50 (Tier 3); 0 turns thread reading off.", "1", false),
  SLACK_THREAD_READ_LIMIT("Messages asked for per conversations.replies call (its limit, 1-1000); Slack caps an app "
      + "outside its Marketplace at 15, others may use up to 1000 (200 recommended).", "15", false),
  SLACK_ALLOWED_TEAMS("Comma-separated Slack team (workspace) ids (T...) the bot answers in; "
      + "empty allows every workspace that installs it.", "", false),
  SLACK_ALLOWED_CHANNELS("Comma-separated Slack channel ids the bot answers in, plus dm for direct messages; "
      + "empty allows every channel.", "", false),
  DISCORD_TOKEN("Discord bot token. Setting it turns Discord on.", null, true),
  DISCORD_API_URL("Discord REST base URL.", "https://discord.com/api/v10/", false),
  DISCORD_GATEWAY_URL("Discord gateway URL.", "wss://gateway.discord.gg/", false),
  DISCORD_SHARD_TOTAL("Total number of Discord shards across every replica.", "1", false),
  DISCORD_SHARD_IDS("Shards this process runs, such as 0,1 or 2-3; empty means all of them.", "", false),
  DISCORD_COMMAND_GUILDS("Comma-separated guild ids to register slash commands in at once; empty registers them globally.",
      "", false),
  DISCORD_ADMIN_ONLY_MODEL_SWITCH("Whether /model with a model name needs the Administrator permission on Discord; "
      + "false lets anyone in the channel switch the model.", "false", false),
  DISCORD_PING_AUTHOR_ON_REPLY("Whether Discord replies may mention (ping) the user who asked; nobody else is ever "
      + "pinged.", "false", false),
  DISCORD_ALLOWED_GUILDS("Comma-separated Discord guild (server) ids the bot answers in, plus dm for direct "
      + "messages; empty allows every server that adds the bot (Parley warns at start).", "", false),
  DISCORD_ALLOWED_CHANNELS("Comma-separated Discord channel ids the bot answers in (a thread also through its "
      + "parent channel), plus dm for direct messages; empty allows every channel.", "", false),
  DISCORD_LISTEN_TO_MESSAGES("Whether mentions, thread follow-ups and DMs are answered on Discord (needs the privileged "
      + "Message Content intent); false answers slash commands only.", "true", false),
  REDIS_URL("Redis for history, dedup, ordering and tickets: redis://, rediss://, redis-sentinel:// or "
      + "redis-cluster:// (see docs/operations.md). Unset keeps everything in memory (one process only).", null, true),
  REDIS_POOL_SIZE("Most Redis connections this process opens (per node in a cluster); one is held by the stop "
      + "subscription. A command that finds all busy waits up to 10s for one, then fails, and the user is told storage "
      + "is unreachable.",
      Integer.toString(RedisEndpoint.DEFAULT_POOL_SIZE), false),
  PARLEY_REDIS_PREFIX("Prefix of every Redis key, so several bots can share one Redis.", "parley:", false),
  PORT("HTTP port of /healthz, /readyz, /metrics, POST /slack/events and the ticket status webhooks (/webhooks/...).",
      "3000", false),
  LOG_FORMAT("Log format: text or json.", "text", false),
  PARLEY_SHUTDOWN_GRACE("How long answers in flight may finish on SIGTERM, such as 20s.", "20s", false),
  PARLEY_MAX_MESSAGE_CHARS("Longest user message answered, in characters (Unicode code points); a longer one gets a "
      + "notice, no model call, and is not stored.", "16000", false),
  PARLEY_TURN_DEADLINE("Longest time one answer may take once its turn came, tools included, such as 3m; at the "
      + "deadline the text so far stays, with a notice.", "3m", false),
  PARLEY_HISTORY_MAX_BYTES("Most stored history per conversation, in bytes or with KiB/MiB, such as 256KiB; the oldest "
      + "turns go first. At least 4 bytes per PARLEY_MAX_MESSAGE_CHARS, so the longest message fits.", "256KiB", false),
  PARLEY_VISION_MODEL("Model that answers messages carrying images (Groq vision models take up to 5 images per "
      + "request); other messages use the channel's model. History keeps only the images' names.",
      "meta-llama/llama-4-scout-17b-16e-instruct", false),
  PARLEY_ATTACHMENT_MAX_BYTES("Largest attachment downloaded, in bytes or with KiB/MiB, such as 10MiB; a larger one "
      + "gets a notice. Audio is also held to Groq's 25 MB upload limit; images are shrunk to fit Groq's 4 MB request.",
      "10MiB", false),
  PARLEY_ATTACHMENT_MAX_CHARS("Most characters read from one text file or PDF, or heard in one voice message, into "
      + "the prompt; the model's context "
      + "may cut it further. A cut file gets a notice. Files are never stored, only their names.", "40000", false),
  PARLEY_TENANT_DAILY_TOKENS("Model tokens (the server's usage.total_tokens) each Slack workspace or Discord server may "
      + "use per UTC day; past it, new messages get a notice naming the limit. Empty means unlimited.", null, false),
  GITHUB_WEBHOOK_SECRET("Secret of the GitHub webhook (issues, issue comments) that reports ticket status back to the "
      + "thread, on POST /webhooks/github; unset leaves that endpoint off. At least 16 characters.", null, true),
  JIRA_WEBHOOK_SECRET("Secret of the Jira Cloud webhook (issue updated, comment created) that reports ticket status "
      + "back to the thread, on POST /webhooks/jira; unset leaves that endpoint off. At least 16 characters.", null, true);

  private final String description;
  private final String defaultValue;
  private final boolean secret;

  Setting(String description, String defaultValue, boolean secret) {
    this.description = description;
    this.defaultValue = defaultValue;
    this.secret = secret;
  }

  public String description() {
    return description;
  }

  /** The value used when the variable is unset or blank; empty when there is none. */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /**
   * Whether the value must never be printed. REDIS_URL counts as one because it may carry a
   * password.
   */
  public boolean secret() {
    return secret;
  }

  /** Whether {@code name} is one of the settings. */
  public static boolean isKnown(String name) {
    for (Setting setting : values()) {
      if (setting.name().equals(name)) return true;
    }
    return false;
  }
}
