package dev.parley.core.api;

import java.time.Instant;
import java.util.Objects;

/**
 * How far a natively streamed answer got: the platform message it streams into now, and how much
 * of the answer's text went out before that message began ({@code offset}) and in all
 * ({@code streamed}). Kept outside the instance so that another one can close a stream whose
 * instance died.
 *
 * @param channel the channel the message is in
 * @param messageId the message streaming now
 * @param offset characters (UTF-16 units, of the text as shown) of the answer in earlier messages
 * @param streamed characters of the answer shown in all, this message included, when the
 *     checkpoint was saved: at least that much shows (a stream saves only when its message or its
 *     control message changes, not with every append)
 * @param controlMessageId a message that only controls the stream (a Stop button), or null
 * @param startedAt when this message started streaming
 */
public record StreamCheckpoint(String channel, String messageId, int offset, int streamed, String controlMessageId,
    Instant startedAt) {
  public StreamCheckpoint {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(startedAt, "startedAt");
    if (offset < 0 || streamed < offset) {
      throw new IllegalArgumentException("need 0 <= offset <= streamed, got " + offset + " and " + streamed);
    }
  }
}
