package dev.parley.core.api.reply;

import java.util.Objects;

/**
 * How a reply that ends with a notice reads, on every platform: the partial text stays, a code
 * block it left open is closed, then a blank line and the notice line. Without the close, a
 * notice after half a code block would be shown as more code. Markdown in and out, so an adapter
 * converts the result to its own markup afterwards. Pure and thread-safe.
 */
public final class ReplyNotice {
  private ReplyNotice() {}

  /**
   * {@code partialText} with {@code noticeLine} under it; only the notice line when there is no
   * partial text.
   *
   * @param partialText the reply shown so far, Markdown; may be empty, never null
   * @param noticeLine the notice as the adapter wants it to look (such as {@code _Stopped._}), one line
   */
  public static String after(String partialText, String noticeLine) {
    Objects.requireNonNull(partialText, "partialText");
    Objects.requireNonNull(noticeLine, "noticeLine");
    if (partialText.isBlank()) return noticeLine;
    return closeOpenFence(partialText) + "\n\n" + noticeLine;
  }

  /** {@code text}, with a closing fence line added when it ends inside a fenced code block. */
  public static String closeOpenFence(String text) {
    if (MessageSplitter.openFenceLanguage(text) == null) return text;
    return text + (text.endsWith("\n") ? "```" : "\n```");
  }
}
