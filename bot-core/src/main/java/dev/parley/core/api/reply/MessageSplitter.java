package dev.parley.core.api.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a reply's text into messages of at most {@link #limit()} UTF-16 units, the one splitter
 * every adapter uses (Discord's 2,000 characters, Slack's message and section limits). Pure and
 * thread-safe.
 *
 * <p>The invariant, for every input: each {@link Part#text()} has at most {@code limit} units,
 * and the {@link Part#body() bodies} joined in order are exactly the input, whitespace included.
 * The only characters a part adds around its body are fence lines: a {@link Part#reopen() reopen}
 * line (three backticks, the block's language, a newline) when the part starts inside a fenced
 * code block, and a {@link Part#close() close} (three backticks, preceded by a newline unless the
 * body already ends with one) when the part ends inside one. So every message's code renders as
 * code, in its language.
 *
 * <p>Cuts prefer a paragraph break (a blank line) in the second half of the room, then the last
 * line break, then the last space, and only then a hard cut. No cut falls inside a surrogate pair,
 * and none inside a user-perceived character (an emoji sequence, a letter with its marks) unless
 * one such character is longer than half a message. A hard cut never splits an HTML character
 * reference such as {@code &amp;}, which Slack must see whole.
 *
 * <p>Every part but the last depends only on the text it holds and a little after it, so as a
 * reply grows the parts already cut off stay as they are and only the last one changes.
 */
public final class MessageSplitter {
  /** The fewest units a message may hold: enough for a reopened fence and some text. */
  public static final int MIN_LIMIT = 64;
  private static final String FENCE = "```";
  /** The longest close ({@code \n```}), kept free in every part that is cut. */
  private static final int CLOSE_RESERVE = FENCE.length() + 1;
  /** Longer info strings are not repeated when a block is reopened. */
  private static final int MAX_LANGUAGE = 32;
  /** {@code &amp;} is the longest reference Slack writes; longer ones are not protected. */
  private static final int MAX_REFERENCE = 6;
  /**
   * Characters after a cut that decide whether it splits a character (a ZWJ or a combining mark
   * joins what follows); a handful is enough, and keeps earlier parts stable as the text grows.
   */
  private static final int LOOKAHEAD = 8;

  private final int limit;

  /** One message of a split text: {@code reopen + body + close}. */
  public record Part(String reopen, String body, String close) {
    public Part {
      Objects.requireNonNull(reopen, "reopen");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(close, "close");
    }

    /** The message content to send. */
    public String text() {
      return reopen + body + close;
    }
  }

  /** @param limit the most UTF-16 units one message may hold, at least {@link #MIN_LIMIT} */
  public MessageSplitter(int limit) {
    if (limit < MIN_LIMIT) throw new IllegalArgumentException("limit must be at least " + MIN_LIMIT + ", was " + limit);
    this.limit = limit;
  }

  public int limit() {
    return limit;
  }

  /** The parts of {@code text}, in order; one empty part for an empty text. */
  public List<Part> split(String text) {
    Objects.requireNonNull(text, "text");
    List<Part> parts = new ArrayList<>();
    String openLanguage = null;
    int pos = 0;
    do {
      String reopen = openLanguage == null ? "" : FENCE + openLanguage + "\n";
      int room = limit - reopen.length();
      if (text.length() - pos <= room) {
        parts.add(new Part(reopen, text.substring(pos), ""));
        break;
      }
      int cut = chooseCut(text, pos, pos + room - CLOSE_RESERVE);
      String body = text.substring(pos, cut);
      openLanguage = fenceStateAfter(body, openLanguage);
      String close = openLanguage == null ? "" : (body.endsWith("\n") ? FENCE : "\n" + FENCE);
      parts.add(new Part(reopen, body, close));
      pos = cut;
    } while (pos < text.length());
    return parts;
  }

  /** The message contents of {@code text}: {@link #split} with each part's {@link Part#text()}. */
  public List<String> texts(String text) {
    return split(text).stream().map(Part::text).toList();
  }

  /**
   * The language of the fenced code block still open at the end of {@code text} ({@code ""} for a
   * block without one), or null when every block is closed. A fence is a line that starts, after
   * indentation, with three backticks.
   */
  public static String openFenceLanguage(String text) {
    return fenceStateAfter(Objects.requireNonNull(text, "text"), null);
  }

  /** Where to end a part that starts at {@code from} and may not reach past {@code maxEnd}. */
  private static int chooseCut(String text, int from, int maxEnd) {
    String window = text.substring(from, maxEnd);
    int paragraph = window.lastIndexOf("\n\n");
    if (paragraph >= window.length() / 2) return from + paragraph + 2;
    int line = window.lastIndexOf('\n');
    if (line > 0) return from + line + 1;
    int space = window.lastIndexOf(' ');
    // A space followed by a combining mark belongs to that mark's character: not a place to cut.
    if (space > 0 && boundary(text, from, from + space + 1) == from + space + 1) return from + space + 1;
    return outsideReference(text, from, boundary(text, from, maxEnd));
  }

  /** The last cut at or before {@code index} that splits no character, measured from {@code from}. */
  private static int boundary(String text, int from, int index) {
    // Measured within the rest of the text, so "the second half" is the second half of this part.
    String rest = text.substring(from, Math.min(text.length(), index + LOOKAHEAD));
    int cut = from + DisplayText.boundaryAtOrBefore(rest, index - from);
    return cut > from ? cut : index;
  }

  /** Moves a cut inside a character reference ({@code &amp;}, {@code &lt;}) to before it. */
  private static int outsideReference(String text, int from, int cut) {
    int amp = text.lastIndexOf('&', cut - 1);
    if (amp <= from || cut - amp >= MAX_REFERENCE) return cut;
    int semicolon = text.indexOf(';', amp);
    if (semicolon < cut || semicolon - amp >= MAX_REFERENCE) return cut;
    for (int i = amp + 1; i < semicolon; i++) {
      char c = text.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '#') return cut;
    }
    return amp;
  }

  /**
   * The language of the block still open after {@code body}, or null, given {@code openLanguage},
   * the state before it.
   */
  private static String fenceStateAfter(String body, String openLanguage) {
    String state = openLanguage;
    for (String line : body.split("\n", -1)) {
      String trimmed = line.strip();
      if (!trimmed.startsWith(FENCE)) continue;
      if (state == null) {
        String info = trimmed.substring(FENCE.length()).strip();
        state = info.length() > MAX_LANGUAGE || info.contains("`") ? "" : info;
      } else {
        state = null;
      }
    }
    return state;
  }
}
