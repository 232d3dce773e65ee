package dev.parley.core.api;

import java.time.Duration;

/** A fixed-window request limit: at most {@code maxRequests} per {@code window}. Zero means unlimited. */
public record RequestLimit(int maxRequests, Duration window) {
  public static final RequestLimit UNLIMITED = new RequestLimit(0, Duration.ofMinutes(1));

  public RequestLimit {
    if (maxRequests < 0) throw new IllegalArgumentException("maxRequests must not be negative");
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive");
    }
  }
}
