package dev.parley.slack;

import java.time.Duration;
import java.util.Objects;

/**
 * When a natively streamed answer moves on to a new message. Slack ends a stream about five
 * minutes after {@code chat.startStream} however busy it is (later appends answer
 * {@code message_not_in_streaming_state}; about 306 seconds in reports from live workspaces), and
 * refuses appends with {@code msg_too_long} once one streamed message holds about 12,000
 * characters in all, a limit it does not document. Both are measured, not promised, so the
 * defaults stay well below them, and the stream still rolls over when Slack refuses earlier.
 *
 * @param maxAge how long one message streams before the answer continues in a new one
 * @param maxBytes how much text, in UTF-8 bytes, one streamed message takes; bytes count at least
 *     as much as characters in any measure Slack might use
 */
public record NativeStreamLimits(Duration maxAge, int maxBytes) {
  /** Four and a half minutes, and 10,000 bytes. */
  public static final NativeStreamLimits SLACK = new NativeStreamLimits(Duration.ofSeconds(270), 10_000);

  public NativeStreamLimits {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) throw new IllegalArgumentException("maxAge must be positive");
    if (maxBytes < 16) throw new IllegalArgumentException("maxBytes must be at least 16, got " + maxBytes);
  }
}
