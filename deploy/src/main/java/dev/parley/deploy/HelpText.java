package dev.parley.deploy;

/** The {@code --help} text, generated from the {@link Setting} table. Shows defaults, never values. */
final class HelpText {
  private HelpText() {}

  static String render() {
    StringBuilder text = new StringBuilder("""
        Parley: a Slack and Discord bot that streams answers from Groq.

        Usage: java -jar parley.jar [--help]

        Parley reads its configuration from environment variables. It starts Slack when
        SLACK_BOT_TOKEN is set, Discord when DISCORD_TOKEN is set (both may run at once), and a
        console chat on stdin/stdout when neither is. Per-channel settings go in the YAML file
        named by PARLEY_CONFIG.

        Settings:
        """);
    for (Setting setting : Setting.values()) {
      text.append("  ").append(setting.name());
      if (setting.secret()) text.append("  (secret)");
      text.append('\n').append("      ").append(setting.description()).append('\n');
      setting.defaultValue().filter(d -> !d.isEmpty())
          .ifPresent(d -> text.append("      default: ").append(d).append('\n'));
    }
    return text.append("""

        HTTP endpoints on PORT: /healthz (liveness), /readyz (readiness), /metrics (Prometheus),
        and, when their secrets are set, the ticket status webhooks POST /webhooks/github,
        /webhooks/jira and /webhooks/tickets (see docs/operations.md).
        On SIGTERM Parley stops taking events and lets answers finish for PARLEY_SHUTDOWN_GRACE.
        """).toString();
  }
}
