package dev.parley.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Says what kind of secret a value is without showing any of it. */
final class Redaction {
  private static final Pattern KIND = Pattern.compile("^(xox[a-z]-|xapp-|gsk_)");

  private Redaction() {}

  /**
   * The well-known prefix of a token followed by {@code ...(redacted)}, such as
   * {@code xoxb-...(redacted)}, or just {@code (redacted)} when the prefix is not one of Slack's or
   * Groq's. Nothing after the prefix is ever shown.
   */
  public static String kindOf(String secret) {
    if (secret == null) return "(unset)";
    Matcher matcher = KIND.matcher(secret);
    return matcher.find() ? matcher.group(1) + "...(redacted)" : "(redacted)";
  }
}
