package dev.parley.core.internal.history;

import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.ContentPart;
import dev.parley.core.internal.llm.ToolCall;
import java.util.List;

/**
 * Estimates prompt tokens without a tokenizer, then learns from what the server counted.
 *
 * <p>The base estimate is one token per four characters plus a per-message overhead, the usual
 * rule of thumb for Llama and GPT tokenizers on English. Each completion's {@code prompt_tokens}
 * adjusts a correction factor (an exponential moving average), so languages and code that
 * tokenize differently converge on the real count. Thread-safe.
 */
public final class TokenEstimator {
  private static final int MESSAGE_OVERHEAD = 4;
  private static final double SMOOTHING = 0.3;
  /**
   * What one image is assumed to cost. Llama 4 cuts an image into tiles of a few hundred tokens
   * each; this covers a large screenshot, and is never scaled by the text correction factor.
   */
  public static final int IMAGE_TOKENS = 1_600;

  private volatile double factor = 1.0;

  /** Estimated tokens of one message, including its role and framing overhead. */
  public int estimate(ChatMessage message) {
    int chars = message.text().length();
    for (ToolCall call : message.toolCalls()) {
      chars += call.name().length() + call.arguments().length() + 16;
    }
    int images = (int) message.parts().stream().filter(ContentPart.ImageUrl.class::isInstance).count();
    return (int) Math.ceil((MESSAGE_OVERHEAD + chars / 4.0) * factor) + images * IMAGE_TOKENS;
  }

  /** Estimated tokens of text alone. */
  public int estimate(String text) {
    return (int) Math.ceil(text.length() / 4.0 * factor);
  }

  public int estimate(List<ChatMessage> messages) {
    int total = 0;
    for (ChatMessage message : messages) total += estimate(message);
    return total;
  }

  /**
   * Learns from a finished request: {@code estimated} is what this estimator said for the prompt,
   * {@code actual} the server's {@code prompt_tokens}. Tool definitions sent along are part of the
   * actual count, so callers pass estimates that include them.
   */
  public void calibrate(int estimated, int actual) {
    if (estimated <= 0 || actual <= 0) return;
    double observed = factor * actual / estimated;
    double bounded = Math.max(0.25, Math.min(4.0, observed));
    factor = factor + SMOOTHING * (bounded - factor);
  }

  /** The current correction factor, for logs and tests. */
  public double factor() {
    return factor;
  }
}
