package dev.parley.core.internal.llm.groq;

import dev.parley.core.internal.llm.RateLimits;
import okhttp3.Headers;

/** Reads Groq's {@code x-ratelimit-*} headers; an absent or garbled header becomes null. */
final class RateLimitHeaders {
  private RateLimitHeaders() {}

  /** Null when the response carried none of the headers. */
  static RateLimits parse(Headers headers) {
    RateLimits limits = new RateLimits(
        number(headers.get("x-ratelimit-limit-requests")),
        number(headers.get("x-ratelimit-limit-tokens")),
        number(headers.get("x-ratelimit-remaining-requests")),
        number(headers.get("x-ratelimit-remaining-tokens")),
        GoDuration.parse(headers.get("x-ratelimit-reset-requests")),
        GoDuration.parse(headers.get("x-ratelimit-reset-tokens")));
    return limits.equals(new RateLimits(null, null, null, null, null, null)) ? null : limits;
  }

  private static Long number(String value) {
    if (value == null) return null;
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
