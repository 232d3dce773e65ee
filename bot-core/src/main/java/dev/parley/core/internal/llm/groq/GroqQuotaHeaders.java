package dev.parley.core.internal.llm.groq;

import dev.parley.core.internal.llm.RateLimits;
import okhttp3.Headers;

/**
 * Reads Groq's quota headers ({@code x-ratelimit-limit|remaining|reset-requests|tokens}), sent on
 * every response: how much of the organisation's request and token quotas is left, and when each
 * resets. An absent or garbled header becomes null. The wait a 429 asks for is another header,
 * {@code retry-after}, read by {@link GroqErrorMapper}.
 */
final class GroqQuotaHeaders {
  private GroqQuotaHeaders() {}

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
