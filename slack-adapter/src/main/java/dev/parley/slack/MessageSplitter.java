package dev.parley.slack;

import dev.parley.core.api.reply.DisplayText;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long answer into pieces that each fit one Slack message or block. It cuts at a
 * paragraph break when it can, else at a line break, else at a space; a cut inside a code fence
 * closes the fence and reopens it in the next piece. Nothing is dropped but the whitespace at the
 * cut. Every piece but the last depends only on the text before it, so as an answer grows the
 * pieces already cut off stay as they are and only the last one changes. Pure and thread-safe.
 */
public final class MessageSplitter {
  private static final String FENCE = "```";
  private static final int FENCE_RESERVE = FENCE.length() + 2;

  private MessageSplitter() {}

  /** The pieces of {@code text}, each at most {@code max} characters; one piece if it fits. */
  public static List<String> split(String text, int max) {
    if (max < 64) throw new IllegalArgumentException("max must be at least 64");
    List<String> parts = new ArrayList<>();
    String rest = text;
    while (rest.length() > max) {
      int cut = chooseCut(rest, max - FENCE_RESERVE);
      String head = stripTrailingNewlines(rest.substring(0, cut));
      rest = stripLeadingSeparator(rest.substring(cut));
      if (insideFence(head)) {
        head = head + "\n" + FENCE;
        rest = FENCE + "\n" + rest;
      }
      parts.add(head);
    }
    parts.add(rest);
    return parts;
  }

  private static int chooseCut(String text, int limit) {
    int floor = limit / 3;
    int paragraph = lastOutsideFence(text, limit, floor);
    if (paragraph > 0) return paragraph;
    int line = text.lastIndexOf('\n', limit);
    if (line > floor) return line;
    int space = text.lastIndexOf(' ', limit);
    if (space > floor) return space;
    return hardCut(text, limit);
  }

  /**
   * A cut inside a word: never inside a surrogate pair, an emoji sequence or a letter with its
   * marks, and never inside an escape ({@code &amp;}, {@code &lt;}, {@code &gt;}) Slack must see whole.
   */
  static int hardCut(String text, int limit) {
    int cut = DisplayText.boundaryAtOrBefore(text, limit);
    int amp = text.lastIndexOf('&', cut - 1);
    if (amp >= 0 && cut - amp < 5) {
      int semicolon = text.indexOf(';', amp);
      if (semicolon >= cut && semicolon - amp < 5) cut = amp;
    }
    return cut;
  }

  /** The last paragraph break at or before {@code limit} that is not inside a code fence. */
  private static int lastOutsideFence(String text, int limit, int floor) {
    int at = text.lastIndexOf("\n\n", limit - 2);
    int any = -1;
    while (at > floor) {
      if (!insideFence(text.substring(0, at))) return at;
      if (any < 0) any = at;
      at = text.lastIndexOf("\n\n", at - 1);
    }
    return any;
  }

  /** Whether {@code text} ends inside an open code fence. */
  static boolean insideFence(String text) {
    boolean open = false;
    for (String line : text.split("\n", -1)) {
      if (line.strip().startsWith(FENCE)) open = !open;
    }
    return open;
  }

  private static String stripTrailingNewlines(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '\n') end--;
    return text.substring(0, end);
  }

  private static String stripLeadingSeparator(String text) {
    int start = 0;
    while (start < text.length() && text.charAt(start) == '\n') start++;
    if (start == 0 && text.startsWith(" ")) start = 1;
    return text.substring(start);
  }
}
