package dev.parley.core.internal.llm;

import java.time.Duration;

/**
 * Groq's {@code x-ratelimit-*} response headers. Any field may be null when the header is absent.
 *
 * @param limitRequests requests per day
 * @param limitTokens tokens per minute
 * @param resetRequests parsed from a Go-style duration such as {@code 2m59.56s}
 * @param resetTokens parsed from a Go-style duration such as {@code 7.66s}
 */
public record RateLimits(
    Long limitRequests,
    Long limitTokens,
    Long remainingRequests,
    Long remainingTokens,
    Duration resetRequests,
    Duration resetTokens) {}
