package dev.parley.deploy;

import dev.parley.slack.SlackSettings;
import dev.parley.slack.SlackThreadReads;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the Slack settings onto the adapter's {@link SlackSettings}: the credentials present
 * together and each of the right kind, and the adapter's switches.
 */
final class SlackChecks {
  private static final String BOT_FIX =
      "copy the Bot User OAuth Token (xoxb-...) from your app's OAuth & Permissions page into SLACK_BOT_TOKEN";
  private static final String APP_FIX =
      "create an app-level token (xapp-...) with connections:write under Basic Information > App-Level Tokens "
          + "and put it in SLACK_APP_TOKEN";

  private final ConfigLoader loader;

  SlackChecks(ConfigLoader loader) {
    this.loader = loader;
  }

  /** The Slack settings when any Slack credential is set; empty when Slack is off. */
  Optional<SlackSettings> settings() {
    String bot = loader.optional(Setting.SLACK_BOT_TOKEN).orElse(null);
    String app = loader.optional(Setting.SLACK_APP_TOKEN).orElse(null);
    String signing = loader.optional(Setting.SLACK_SIGNING_SECRET).orElse(null);
    URI apiUrl = loader.url(Setting.SLACK_API_URL, Set.of("http", "https"));
    URI filesUrl = loader.url(Setting.SLACK_FILES_URL, Set.of("http", "https"));
    if (bot == null && app == null && signing == null) return Optional.empty();
    checkBotToken(bot);
    checkAppToken(app);
    if (app == null && signing == null) {
      loader.problem(Setting.SLACK_APP_TOKEN, "is missing, and so is SLACK_SIGNING_SECRET: Slack cannot reach Parley",
          APP_FIX + " for Socket Mode, or set SLACK_SIGNING_SECRET to receive events over HTTP on POST /slack/events");
    }
    if (signing != null && (signing.startsWith("xox") || signing.startsWith("xapp-"))) {
      loader.problem(Setting.SLACK_SIGNING_SECRET, "holds a token (" + Redaction.kindOf(signing) + "), not a signing secret",
          "copy the Signing Secret from your app's Basic Information > App Credentials");
    }
    boolean followUps = loader.flag(Setting.SLACK_ANSWER_THREAD_FOLLOW_UPS);
    boolean otherBots = loader.flag(Setting.SLACK_ALLOW_OTHER_BOTS);
    SlackThreadReads threadReads = threadReads();
    // Missing credentials were reported above; the record would only repeat them.
    if (bot == null || (app == null && signing == null)) return Optional.empty();
    return loader.parse(Setting.SLACK_BOT_TOKEN,
        token -> new SlackSettings(token, app, signing, apiUrl == null ? null : apiUrl.toString(), followUps, otherBots,
            filesUrl == null ? null : filesUrl.toString(), threadReads),
        bot, BOT_FIX);
  }

  /** How much of a thread may be read; a bad value is reported and the strict default kept. */
  private SlackThreadReads threadReads() {
    SlackThreadReads strict = SlackThreadReads.NON_MARKETPLACE;
    String perMinuteFix = "use a whole number: 1 for an app outside the Slack Marketplace, up to 50 for an internal app,"
        + " 0 to read no threads";
    int perMinute = loader.parse(Setting.SLACK_THREAD_READS_PER_MINUTE, ConfigValues::integer,
        loader.value(Setting.SLACK_THREAD_READS_PER_MINUTE), perMinuteFix).orElse(strict.readsPerMinute());
    if (perMinute < 0) {
      loader.problem(Setting.SLACK_THREAD_READS_PER_MINUTE, "must not be negative", perMinuteFix);
      perMinute = strict.readsPerMinute();
    }
    String limitFix = "use a whole number from 1 to 1000: 15 for an app outside the Slack Marketplace";
    int limit = loader.parse(Setting.SLACK_THREAD_READ_LIMIT, ConfigValues::integer,
        loader.value(Setting.SLACK_THREAD_READ_LIMIT), limitFix).orElse(strict.pageSize());
    if (limit < 1 || limit > 1_000) {
      loader.problem(Setting.SLACK_THREAD_READ_LIMIT, "must be from 1 to 1000", limitFix);
      limit = strict.pageSize();
    }
    return new SlackThreadReads(limit, perMinute, strict.cacheFor());
  }

  private void checkBotToken(String bot) {
    if (bot == null) {
      loader.problem(Setting.SLACK_BOT_TOKEN, "is missing while other Slack settings are set", BOT_FIX);
    } else if (bot.startsWith("xapp-")) {
      loader.problem(Setting.SLACK_BOT_TOKEN, "holds an app-level token (" + Redaction.kindOf(bot)
          + ") where a bot token (xoxb-) belongs", BOT_FIX + "; the xapp- token goes into SLACK_APP_TOKEN");
    } else if (!bot.startsWith("xoxb-")) {
      loader.problem(Setting.SLACK_BOT_TOKEN, "is not a bot token (" + Redaction.kindOf(bot) + "); bot tokens start with xoxb-",
          BOT_FIX);
    }
  }

  private void checkAppToken(String app) {
    if (app == null) return;
    if (app.startsWith("xoxb-")) {
      loader.problem(Setting.SLACK_APP_TOKEN, "holds a bot token (" + Redaction.kindOf(app)
          + ") where an app-level token (xapp-) belongs", APP_FIX + "; the xoxb- token goes into SLACK_BOT_TOKEN");
    } else if (!app.startsWith("xapp-")) {
      loader.problem(Setting.SLACK_APP_TOKEN, "is not an app-level token (" + Redaction.kindOf(app)
          + "); app-level tokens start with xapp-", APP_FIX);
    }
  }
}
