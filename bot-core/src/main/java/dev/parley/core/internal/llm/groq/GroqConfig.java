package dev.parley.core.internal.llm.groq;

import dev.parley.core.api.RedactedUrl;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Groq and how patient to be with it.
 *
 * @param baseUrl the OpenAI-compatible root, such as {@code https://api.groq.com/openai/v1}
 * @param apiKey the secret key; never printed by {@link #toString()}
 * @param connectTimeout TCP (and TLS) connect timeout of each attempt
 * @param firstTokenTimeout from sending a request to its first server-sent event
 * @param idleTimeout the longest silence allowed between two events of one stream; both timeouts
 *     fire up to a tenth of the shorter one late (at most 1 s), see {@code StreamDeadlines}
 * @param maxAttempts attempts per stream, the first included; 1 disables retries
 * @param initialBackoff the upper bound of the first jittered retry delay
 * @param maxBackoff the cap of any retry delay; a {@code retry-after} above it is not waited for
 */
public record GroqConfig(
    String baseUrl,
    String apiKey,
    Duration connectTimeout,
    Duration firstTokenTimeout,
    Duration idleTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff) {

  public static final String DEFAULT_BASE_URL = "https://api.groq.com/openai/v1";

  public GroqConfig {
    baseUrl = stripTrailingSlash(Objects.requireNonNullElse(baseUrl, DEFAULT_BASE_URL));
    Objects.requireNonNull(apiKey, "apiKey");
    if (apiKey.isBlank()) throw new IllegalArgumentException("apiKey must not be blank");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(firstTokenTimeout, "firstTokenTimeout");
    requirePositive(idleTimeout, "idleTimeout");
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    requirePositive(initialBackoff, "initialBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must not be below initialBackoff");
    }
  }

  /** Production defaults: Groq's public URL, 10 s to connect, 30 s to the first token, 3 attempts. */
  public static GroqConfig defaults(String apiKey) {
    return new GroqConfig(DEFAULT_BASE_URL, apiKey, Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(20), 3, Duration.ofMillis(500), Duration.ofSeconds(10));
  }

  public GroqConfig withBaseUrl(String url) {
    return new GroqConfig(url, apiKey, connectTimeout, firstTokenTimeout, idleTimeout,
        maxAttempts, initialBackoff, maxBackoff);
  }

  public GroqConfig withTimeouts(Duration connect, Duration firstToken, Duration idle) {
    return new GroqConfig(baseUrl, apiKey, connect, firstToken, idle,
        maxAttempts, initialBackoff, maxBackoff);
  }

  public GroqConfig withRetries(int attempts, Duration initial, Duration max) {
    return new GroqConfig(baseUrl, apiKey, connectTimeout, firstTokenTimeout, idleTimeout,
        attempts, initial, max);
  }

  /** Everything but the key, so a config can be logged safely. */
  @Override
  public String toString() {
    return "GroqConfig[baseUrl=" + RedactedUrl.of(baseUrl) + ", apiKey=***, connectTimeout=" + connectTimeout
        + ", firstTokenTimeout=" + firstTokenTimeout + ", idleTimeout=" + idleTimeout
        + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + "]";
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
