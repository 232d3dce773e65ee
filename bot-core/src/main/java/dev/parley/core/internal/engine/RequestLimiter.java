package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import java.time.Duration;

/** Guards the model budget with per-user and per-conversation request limits. Thread-safe. */
public interface RequestLimiter {

  /** Counts one request for {@code userId} in {@code key}, unless a limit is already reached. */
  Decision tryAcquire(String userId, ConversationKey key);

  /**
   * The outcome. When denied, {@code retryAfter} says when the window frees up and
   * {@code scope} names the limit that was hit ({@code user} or {@code conversation}).
   */
  record Decision(boolean allowed, String scope, Duration retryAfter) {
    public static final Decision ALLOWED = new Decision(true, null, Duration.ZERO);

    public static Decision denied(String scope, Duration retryAfter) {
      return new Decision(false, scope, retryAfter);
    }
  }
}
