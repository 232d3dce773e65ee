package dev.parley.slack;

import dev.parley.core.api.reply.DisplayText;
import java.util.regex.Pattern;

/**
 * Makes model output unable to ping anyone on Slack's native streaming path, where the text goes
 * out as {@code markdown_text} and Slack renders the Markdown itself. (Posted messages and blocks
 * take the other path, {@link SlackMarkdown}, which escapes everything.)
 *
 * <p>Here the text is not entity-escaped: CommonMark shows {@code &lt;} literally inside code
 * spans and fenced code, so escaping would garble every code sample with a {@code <} in it, and
 * we cannot rely on how Slack's renderer treats entities anyway. Instead a zero-width joiner
 * (U+200D, invisible) goes where Slack's parser looks for control syntax: after the {@code <} of
 * {@code <!…>}, {@code <@…>} and {@code <#…>}, after the {@code @} of a bare {@code @here},
 * {@code @channel} or {@code @everyone}, and after the {@code &} of {@code &lt;}, {@code &gt;}
 * and numeric entities, in case Slack decodes entities before it looks for mentions. The reader
 * sees the same characters; Slack sees no mention. Pure and thread-safe.
 */
final class MentionGuard {
  private static final String ZWJ = "\u200D";
  private static final Pattern CONTROL = Pattern.compile("<(?=[!@#])");
  private static final Pattern BARE = Pattern.compile("(?i)(?<![\\w@])@(?=(channel|here|everyone)\\b)");
  private static final Pattern ENTITY = Pattern.compile("(?i)&(?=lt;|gt;|#)");
  /** A tail whose meaning depends on what comes next. */
  private static final Pattern UNSETTLED_TAIL = Pattern.compile("(<|&[A-Za-z#0-9]{0,6}|@\\p{L}*|[\\uD800-\\uDBFF])$");

  private MentionGuard() {}

  /** The text with every mention and crowd mention turned into plain, harmless text. */
  public static String neutralise(String text) {
    if (text == null || text.isEmpty()) return text;
    String out = CONTROL.matcher(DisplayText.clean(text)).replaceAll("<" + ZWJ);
    out = BARE.matcher(out).replaceAll("@" + ZWJ);
    return ENTITY.matcher(out).replaceAll("&" + ZWJ);
  }

  /**
   * How much of a growing text is safe to show now: everything but a trailing fragment whose
   * treatment depends on the text still to come (a {@code <}, an {@code &} entity start, a
   * trailing {@code @word}, half a surrogate pair). Showing only this prefix keeps what was shown
   * a prefix of what is shown later.
   */
  public static int stablePrefixLength(String text) {
    var tail = UNSETTLED_TAIL.matcher(text);
    return tail.find() ? tail.start() : text.length();
  }
}
