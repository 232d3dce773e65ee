package dev.parley.slack;

import dev.parley.core.api.RedactedUrl;
import java.util.Objects;

/**
 * How the Slack adapter connects. Built by {@code deploy} from the environment; nothing here
 * reads it.
 *
 * @param botToken the bot token ({@code xoxb-…}), always required
 * @param appToken the app-level token ({@code xapp-…}) for Socket Mode, or null for HTTP mode
 * @param signingSecret the signing secret that HTTP mode verifies requests with, or null
 * @param apiUrl the Web API base such as {@code https://slack.com/api/}; GovSlack, proxies and
 *     tests use another
 * @param answerThreadFollowUps whether replies in a thread the bot is part of are answered
 *     without a new mention
 * @param allowOtherBots whether messages written by other bots are answered
 * @param filesUrl Slack's file host, such as {@code https://files.slack.com/}: the one origin
 *     (scheme, host and port) the bot token is sent to when a shared file is downloaded; a file
 *     whose {@code url_private} points elsewhere is refused. GovSlack and tests use another
 * @param threadReads how much of a thread Parley may read with {@code conversations.replies}
 *     (to quote it when mentioned deep in it, and to learn whether it is part of it); by default
 *     the limits of an app outside the Slack Marketplace
 */
public record SlackSettings(
    String botToken,
    String appToken,
    String signingSecret,
    String apiUrl,
    boolean answerThreadFollowUps,
    boolean allowOtherBots,
    String filesUrl,
    SlackThreadReads threadReads) {

  public static final String DEFAULT_API_URL = "https://slack.com/api/";
  public static final String DEFAULT_FILES_URL = "https://files.slack.com/";

  public SlackSettings {
    if (botToken == null || botToken.isBlank()) throw new IllegalArgumentException("botToken is required");
    appToken = blankToNull(appToken);
    signingSecret = blankToNull(signingSecret);
    if (appToken == null && signingSecret == null) {
      throw new IllegalArgumentException("either appToken (Socket Mode) or signingSecret (HTTP mode) is required");
    }
    apiUrl = Objects.requireNonNullElse(blankToNull(apiUrl), DEFAULT_API_URL);
    if (!apiUrl.endsWith("/")) apiUrl = apiUrl + "/";
    filesUrl = Objects.requireNonNullElse(blankToNull(filesUrl), DEFAULT_FILES_URL);
    if (!filesUrl.startsWith("https://") && !filesUrl.startsWith("http://")) {
      throw new IllegalArgumentException("filesUrl must be an http(s) URL");
    }
    threadReads = Objects.requireNonNullElse(threadReads, SlackThreadReads.NON_MARKETPLACE);
  }

  /** Thread reads within the limits of an app outside the Slack Marketplace. */
  public SlackSettings(String botToken, String appToken, String signingSecret, String apiUrl,
      boolean answerThreadFollowUps, boolean allowOtherBots, String filesUrl) {
    this(botToken, appToken, signingSecret, apiUrl, answerThreadFollowUps, allowOtherBots, filesUrl, null);
  }

  /** Files from Slack's own file host ({@link #DEFAULT_FILES_URL}). */
  public SlackSettings(String botToken, String appToken, String signingSecret, String apiUrl,
      boolean answerThreadFollowUps, boolean allowOtherBots) {
    this(botToken, appToken, signingSecret, apiUrl, answerThreadFollowUps, allowOtherBots, null, null);
  }

  /** Socket Mode with the defaults: follow-ups answered, other bots ignored. */
  public static SlackSettings socketMode(String botToken, String appToken, String apiUrl) {
    return new SlackSettings(botToken, appToken, null, apiUrl, true, false);
  }

  /** HTTP mode (the Events API) with the defaults. */
  public static SlackSettings httpMode(String botToken, String signingSecret, String apiUrl) {
    return new SlackSettings(botToken, null, signingSecret, apiUrl, true, false);
  }

  /** Socket Mode when there is an app token; HTTP mode otherwise. */
  public boolean socketMode() {
    return appToken != null;
  }

  public SlackSettings withAnswerThreadFollowUps(boolean value) {
    return new SlackSettings(botToken, appToken, signingSecret, apiUrl, value, allowOtherBots, filesUrl, threadReads);
  }

  public SlackSettings withAllowOtherBots(boolean value) {
    return new SlackSettings(botToken, appToken, signingSecret, apiUrl, answerThreadFollowUps, value, filesUrl,
        threadReads);
  }

  public SlackSettings withFilesUrl(String value) {
    return new SlackSettings(botToken, appToken, signingSecret, apiUrl, answerThreadFollowUps, allowOtherBots, value,
        threadReads);
  }

  public SlackSettings withThreadReads(SlackThreadReads value) {
    return new SlackSettings(botToken, appToken, signingSecret, apiUrl, answerThreadFollowUps, allowOtherBots, filesUrl,
        value);
  }

  @Override
  public String toString() {
    return "SlackSettings[mode=" + (socketMode() ? "socket" : "http")
        + ", botToken=" + mask(botToken) + ", appToken=" + mask(appToken)
        + ", signingSecret=" + mask(signingSecret) + ", apiUrl=" + RedactedUrl.of(apiUrl)
        + ", answerThreadFollowUps=" + answerThreadFollowUps + ", allowOtherBots=" + allowOtherBots
        + ", filesUrl=" + RedactedUrl.of(filesUrl) + ", threadReads=" + threadReads + "]";
  }

  private static String mask(String secret) {
    return secret == null ? "none" : "****";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
