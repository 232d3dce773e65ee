package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import java.time.Duration;

/** Guards the model budget with per-user and per-conversation request limits. Thread-safe. */
public interface RequestLimiter {

  /** Counts one request for {@code userId} in {@code key}, unless a limit is already reached. */
  Decision tryAcquire(String userId, ConversationKey key);

  /**
   * Takes back one request of {@code userId} in {@code key} that was counted (by {@link #tryAcquire}
   * or by the {@link RequestGate}) but needed no answer: a message in a thread handed off to people,
   * where people talking to people must not use up the bot's limits. Never below zero, and a window
   * that ended meanwhile stays ended. Does nothing by default, for limiters that count nothing.
   */
  default void giveBack(String userId, ConversationKey key) {}

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
