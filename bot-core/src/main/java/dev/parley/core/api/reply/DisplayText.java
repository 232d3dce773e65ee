package dev.parley.core.api.reply;

import java.text.BreakIterator;
import java.util.Locale;

/**
 * What every platform adapter does to text before a person sees it, written once: shortening
 * without breaking a character, and removing the bidirectional controls that make text look
 * different from what it is. Pure and thread-safe.
 */
public final class DisplayText {
  private static final String ELLIPSIS = "\u2026";

  private DisplayText() {}

  /**
   * {@code text} if it has at most {@code max} UTF-16 units, else its longest prefix that ends on
   * a user-perceived character boundary (never inside a surrogate pair, a ZWJ emoji sequence or a
   * letter with its combining marks) followed by an ellipsis, {@code max} units in all at most.
   */
  public static String cut(String text, int max) {
    if (max < 2) throw new IllegalArgumentException("max must be at least 2");
    if (text.length() <= max) return text;
    return text.substring(0, boundaryAtOrBefore(text, max - ELLIPSIS.length())) + ELLIPSIS;
  }

  /**
   * The largest index at or before {@code index} where {@code text} may be cut: a grapheme
   * boundary when one lies in the second half, else a code point boundary (a run of one endless
   * ZWJ sequence must still be cut somewhere).
   */
  public static int boundaryAtOrBefore(String text, int index) {
    if (index <= 0) return 0;
    if (index >= text.length()) return text.length();
    BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
    graphemes.setText(text);
    int boundary = graphemes.isBoundary(index) ? index : graphemes.preceding(index);
    if (boundary != BreakIterator.DONE && boundary > index / 2) return boundary;
    return Character.isLowSurrogate(text.charAt(index)) && Character.isHighSurrogate(text.charAt(index - 1))
        ? index - 1 : index;
  }

  /**
   * {@code text} as it may be shown: without bidi controls (see {@link #withoutBidiControls}) and
   * with every lone surrogate replaced by U+FFFD, which JSON encoders would otherwise reject or
   * garble. Surrogate pairs, emoji sequences and zero-width characters are kept.
   */
  public static String clean(String text) {
    if (text == null) return null;
    String out = withoutBidiControls(text);
    StringBuilder fixed = null;
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < out.length() && Character.isLowSurrogate(out.charAt(i + 1));
      if (paired) {
        if (fixed != null) fixed.append(c).append(out.charAt(i + 1));
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        if (fixed == null) fixed = new StringBuilder(out.length()).append(out, 0, i);
        fixed.append('\uFFFD');
      } else if (fixed != null) {
        fixed.append(c);
      }
    }
    return fixed == null ? out : fixed.toString();
  }

  /**
   * {@code text} without the Unicode bidirectional embedding, override and isolate controls
   * (U+202A–U+202E, U+2066–U+2069). Right-to-left languages display correctly without them, by
   * the Unicode bidi algorithm; in a model's answer they only serve to make a link, a command or a
   * file name look reversed or reordered ("Trojan Source"). Zero-width joiners stay: emoji need
   * them.
   */
  public static String withoutBidiControls(String text) {
    if (text == null || !hasBidiControl(text)) return text;
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isBidiControl(c)) out.append(c);
    }
    return out.toString();
  }

  private static boolean hasBidiControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isBidiControl(text.charAt(i))) return true;
    }
    return false;
  }

  private static boolean isBidiControl(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }
}
