package dev.parley.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Says what kind of secret a value is without showing any of it. */
final class Redaction {
  private static final Pattern KIND = Pattern.compile("^(xox[a-z]-|xapp-|gsk_|ghp_|github_pat_|ATATT)");

  private Redaction() {}

  /**
   * The well-known prefix of a token followed by {@code ...(redacted)}, such as
   * {@code xoxb-...(redacted)}, or just {@code (redacted)} when the prefix is not one of Slack's,
   * Groq's, GitHub's or Atlassian's. Nothing after the prefix is ever shown.
   */
  public static String kindOf(String secret) {
    if (secret == null) return "(unset)";
    Matcher matcher = KIND.matcher(secret);
    return matcher.find() ? matcher.group(1) + "...(redacted)" : "(redacted)";
  }
}
