package dev.parley.core.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Parley writes a URL into a log line or an error message: credentials are replaced
 * by {@code (redacted)}, the rest stays readable so an operator can still tell which host and path
 * were meant.
 *
 * <p>Removed are the password of the userinfo ({@code redis://user:pass@host} keeps the user; a
 * lone userinfo such as {@code https://TOKEN@host} is a token and goes entirely), the values of
 * query and fragment parameters whose names say they are secret ({@code token}, {@code key},
 * {@code access_token}, {@code sig}, {@code password}, {@code code}, and the like), and the
 * token part of webhook and interaction paths ({@code /webhooks/ID/TOKEN},
 * {@code hooks.slack.com/services/T/B/TOKEN}, {@code /interactions/ID/TOKEN}). Works on text
 * that is not a valid URL, and never throws.
 */
public final class RedactedUrl {
  static final String REDACTED = "(redacted)";

  private static final Pattern URL_IN_TEXT = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]*[^\\s\"'<>.,;:)\\]]");
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i).*(token|key|secret|sig|pass|pwd|auth|credential|session).*|code");
  private static final Pattern WEBHOOK_PATH = Pattern.compile(
      "(?i)(/webhooks/[^/?#]+/|/interactions/[^/?#]+/|hooks\\.slack(?:-gov)?\\.com/services/(?:[^/?#]+/){2})[^/?#]+");

  private RedactedUrl() {}

  /** {@code url} with its credentials replaced; null stays null. */
  public static String of(Object url) {
    if (url == null) return null;
    String text = url.toString();
    int schemeEnd = text.indexOf("://");
    if (schemeEnd < 0) return text;
    int authorityStart = schemeEnd + 3;
    int authorityEnd = indexOfAny(text, "/?#", authorityStart);
    String authority = text.substring(authorityStart, authorityEnd);
    String afterScheme = withoutUserInfo(authority) + text.substring(authorityEnd);
    String paths = WEBHOOK_PATH.matcher(afterScheme).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
    return text.substring(0, authorityStart) + parameters(paths);
  }

  /** {@code text} with every URL in it passed through {@link #of}: for exception messages. */
  public static String inText(String text) {
    if (text == null) return null;
    Matcher matcher = URL_IN_TEXT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) matcher.appendReplacement(out, Matcher.quoteReplacement(of(matcher.group())));
    matcher.appendTail(out);
    return out.toString();
  }

  private static String withoutUserInfo(String authority) {
    int at = authority.lastIndexOf('@');
    if (at < 0) return authority;
    String userInfo = authority.substring(0, at);
    int colon = userInfo.indexOf(':');
    String kept = colon < 0 ? REDACTED : userInfo.substring(0, colon) + ":" + REDACTED;
    return kept + authority.substring(at);
  }

  /** Redacts secret-named values after {@code ?} and {@code #}, which use the same k=v&k=v form. */
  private static String parameters(String text) {
    int start = indexOfAny(text, "?#", 0);
    if (start >= text.length()) return text;
    StringBuilder out = new StringBuilder(text.substring(0, start));
    int i = start;
    while (i < text.length()) {
      char separator = text.charAt(i);
      int end = indexOfAny(text, "&;?#", i + 1);
      out.append(separator).append(parameter(text.substring(i + 1, end)));
      i = end;
    }
    return out.toString();
  }

  private static String parameter(String pair) {
    int equals = pair.indexOf('=');
    if (equals < 0) return pair;
    String name = pair.substring(0, equals);
    return SECRET_PARAMETER.matcher(name.toLowerCase(Locale.ROOT)).matches() ? name + "=" + REDACTED : pair;
  }

  private static int indexOfAny(String text, String chars, int from) {
    for (int i = from; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) return i;
    }
    return text.length();
  }
}
