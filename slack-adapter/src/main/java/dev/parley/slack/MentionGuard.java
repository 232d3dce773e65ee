package dev.parley.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes model output unable to ping a crowd. Slack turns {@code <!channel>}, {@code <!here>},
 * {@code <!everyone>} and {@code <!subteam^ID>} into notifications, and with {@code link_names}
 * or in {@code markdown_text} so may a bare {@code @channel}. A model can be talked into writing
 * any of them, so every text the bot posts passes through here. Pure and thread-safe.
 */
public final class MentionGuard {
  // The zero-width joiner after "@" keeps the word readable while Slack no longer parses it.
  private static final String BREAK = "\u200D";
  private static final Pattern SPECIAL = Pattern.compile(
      "<!(channel|here|everyone|subteam\\^[^>|]*)(?:\\|([^>]*))?>", Pattern.CASE_INSENSITIVE);
  private static final Pattern BARE = Pattern.compile(
      "(?<![\\w@])@(channel|here|everyone)\\b", Pattern.CASE_INSENSITIVE);

  private MentionGuard() {}

  /** The text with every crowd mention turned into plain, harmless text. */
  public static String neutralise(String text) {
    if (text == null || text.isEmpty()) return text;
    String out = replace(SPECIAL, text, m -> {
      String label = m.group(2) != null ? m.group(2) : m.group(1).replaceFirst("(?i)^subteam\\^.*", "group");
      return "@" + BREAK + label.replaceFirst("^@", "");
    });
    return replace(BARE, out, m -> "@" + BREAK + m.group(1));
  }

  /**
   * How much of a growing text is safe to show now: everything but a trailing fragment that could
   * still become a crowd mention once more text arrives (an unclosed {@code <} or a trailing
   * {@code @word}). Showing only this prefix keeps what was shown a prefix of what comes later.
   */
  public static int stablePrefixLength(String text) {
    int open = text.lastIndexOf('<');
    int end = text.length();
    if (open >= 0 && text.indexOf('>', open) < 0) end = open;
    int at = text.lastIndexOf('@', end - 1);
    if (at >= 0 && text.substring(at + 1, end).chars().allMatch(Character::isLetter)) end = at;
    return end;
  }

  private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
    m.appendTail(out);
    return out.toString();
  }
}
