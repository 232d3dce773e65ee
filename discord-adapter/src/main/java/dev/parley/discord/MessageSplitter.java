package dev.parley.discord;

import dev.parley.core.api.reply.DisplayText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits an answer into Discord messages of at most {@link #DISCORD_LIMIT} characters. Pure and
 * thread-safe.
 *
 * <p>The invariant, for every input: each {@link Part#text()} has at most {@code limit}
 * characters, and the {@link Part#body() bodies} joined in order are exactly the answer. The only
 * characters a part adds around its body are fence lines: a {@link Part#reopen() reopen} line
 * (three backticks, the block's language, a newline) when the part starts inside a fenced code
 * block, and a {@link Part#close() close} (three backticks, preceded by a newline unless the body
 * already ends with one) when the part ends inside one. So every message's code renders as code.
 *
 * <p>Cuts prefer a paragraph break (a blank line) in the second half of the room, then the last
 * line break, then the last space, and only then a hard cut (never inside a surrogate pair or an emoji sequence).
 */
public final class MessageSplitter {
  public static final int DISCORD_LIMIT = 2000;
  private static final String FENCE = "```";
  /** The longest close ({@code \n```}), kept free in every part that is cut. */
  private static final int CLOSE_RESERVE = FENCE.length() + 1;
  /** Longer info strings are not repeated when a block is reopened. */
  private static final int MAX_LANGUAGE = 32;

  private final int limit;

  /** One message of a split answer. */
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

  public MessageSplitter() {
    this(DISCORD_LIMIT);
  }

  public MessageSplitter(int limit) {
    if (limit < 64) throw new IllegalArgumentException("limit must be at least 64");
    this.limit = limit;
  }

  /** The parts of {@code answer}, in order; one empty part for an empty answer. */
  public List<Part> split(String answer) {
    Objects.requireNonNull(answer, "answer");
    List<Part> parts = new ArrayList<>();
    String openLanguage = null;
    int pos = 0;
    do {
      String reopen = openLanguage == null ? "" : FENCE + openLanguage + "\n";
      int room = limit - reopen.length();
      if (answer.length() - pos <= room) {
        parts.add(new Part(reopen, answer.substring(pos), ""));
        break;
      }
      int cut = chooseCut(answer, pos, pos + room - CLOSE_RESERVE);
      String body = answer.substring(pos, cut);
      openLanguage = fenceStateAfter(body, openLanguage);
      String close = openLanguage == null ? "" : (body.endsWith("\n") ? FENCE : "\n" + FENCE);
      parts.add(new Part(reopen, body, close));
      pos = cut;
    } while (pos < answer.length());
    return parts;
  }

  /** Where to end a part that starts at {@code from} and may not reach past {@code maxEnd}. */
  static int chooseCut(String text, int from, int maxEnd) {
    String window = text.substring(from, maxEnd);
    int paragraph = window.lastIndexOf("\n\n");
    if (paragraph >= window.length() / 2) return from + paragraph + 2;
    int line = window.lastIndexOf('\n');
    if (line > 0) return from + line + 1;
    int space = window.lastIndexOf(' ');
    if (space > 0) return from + space + 1;
    // Never inside a surrogate pair, an emoji sequence or a letter with its marks.
    int cut = DisplayText.boundaryAtOrBefore(text, maxEnd);
    return cut > from ? cut : maxEnd;
  }

  /**
   * The language of the fenced block still open after {@code body} ({@code ""} for a block
   * without one), or null when no block is open. {@code openLanguage} is the state before it.
   */
  static String fenceStateAfter(String body, String openLanguage) {
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
