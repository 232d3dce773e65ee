package dev.parley.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the Markdown a model writes into Slack's {@code mrkdwn}, for the places where text is not
 * sent as {@code markdown_text} (plain messages and section blocks). Code spans and fenced code
 * are left as they are; Slack renders both. Pure and thread-safe.
 */
public final class SlackMarkdown {
  private static final char BOLD = '\u0001';
  private static final Pattern FENCE = Pattern.compile("^\\s*```.*$");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
  private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]+)]\\((https?://[^)\\s]+)\\)");
  private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
  private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*])\\*(?=\\S)([^*\\n]+?)(?<=\\S)\\*(?![\\w*])");
  private static final Pattern STRIKE = Pattern.compile("~~(?=\\S)(.+?)(?<=\\S)~~");

  private SlackMarkdown() {}

  /** The text in {@code mrkdwn}. */
  public static String toMrkdwn(String markdown) {
    if (markdown == null || markdown.isEmpty()) return markdown;
    StringBuilder out = new StringBuilder(markdown.length() + 16);
    boolean inFence = false;
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) out.append('\n');
      String line = lines[i];
      if (FENCE.matcher(line).matches()) {
        // Slack ignores the language tag and would show it as code.
        out.append(inFence ? line : line.replaceFirst("```.*$", "```"));
        inFence = !inFence;
      } else {
        out.append(inFence ? escape(line) : convertLine(line));
      }
    }
    return out.toString();
  }

  private static String convertLine(String line) {
    Matcher heading = HEADING.matcher(line);
    if (heading.matches()) return "*" + convertInline(heading.group(1)) + "*";
    Matcher bullet = BULLET.matcher(line);
    if (bullet.matches() && !line.trim().matches("[-*_ ]{3,}")) {
      return (bullet.group(1) + "• " + convertInline(bullet.group(2))).replace(BOLD, '*');
    }
    String quote = "";
    if (line.startsWith(">")) {
      quote = ">";
      line = line.substring(1);
    }
    return (quote + convertInline(line)).replace(BOLD, '*');
  }

  /** Converts outside inline code spans; code spans are only escaped. */
  private static String convertInline(String text) {
    StringBuilder out = new StringBuilder();
    String[] parts = text.split("`", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) out.append('`');
      boolean code = i % 2 == 1 && i < parts.length - 1;
      out.append(code ? escape(parts[i]) : convertPlain(parts[i]));
    }
    return out.toString().replace(BOLD, '*');
  }

  private static String convertPlain(String text) {
    StringBuilder links = new StringBuilder();
    Matcher m = LINK.matcher(text);
    int last = 0;
    while (m.find()) {
      links.append(styles(escape(text.substring(last, m.start()))));
      links.append('<').append(m.group(2)).append('|').append(escape(m.group(1))).append('>');
      last = m.end();
    }
    links.append(styles(escape(text.substring(last))));
    return links.toString();
  }

  private static String styles(String text) {
    String out = STRONG.matcher(text).replaceAll(r -> Matcher.quoteReplacement(BOLD + r.group(2) + BOLD));
    out = EMPHASIS.matcher(out).replaceAll(r -> Matcher.quoteReplacement("_" + r.group(1) + "_"));
    return STRIKE.matcher(out).replaceAll(r -> Matcher.quoteReplacement("~" + r.group(1) + "~"));
  }

  /** Slack wants these three escaped in message text; everything else is literal. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
