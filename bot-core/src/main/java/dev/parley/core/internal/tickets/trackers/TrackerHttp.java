package dev.parley.core.internal.tickets.trackers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.parley.core.internal.json.PooledJson;
import dev.parley.core.internal.tickets.TicketBackendException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One tracker's HTTP client and its rate-limit gate. After the tracker said to wait (a 429, GitHub's
 * used-up {@code x-ratelimit-remaining}), calls fail at once with the time left instead of
 * reaching the tracker again before it allowed: trackers penalise clients that keep calling
 * while limited (GitHub may ban the integration). Thread-safe.
 *
 * <p>OkHttp's silent retry on a failed connection is off: a POST that reached the tracker and
 * lost its answer must not be sent a second time behind Parley's back; the ledger's retry, which
 * looks for the issue first, is the only retry.
 */
final class TrackerHttp {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = PooledJson.newMapper();

  private final String tracker;
  private final OkHttpClient client;
  private final Clock clock;
  private volatile Instant blockedUntil = Instant.MIN;

  TrackerHttp(String tracker, OkHttpClient base, Clock clock) {
    this.tracker = Objects.requireNonNull(tracker, "tracker");
    this.client = base.newBuilder().retryOnConnectionFailure(false).callTimeout(TIMEOUT).build();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The tracker's answer, whatever its status; a network failure is a transient failure. */
  Reply send(Request request) {
    Instant now = clock.instant();
    Instant until = blockedUntil;
    if (now.isBefore(until)) {
      throw TicketBackendException.limited(tracker + " asked Parley to wait before calling it again.",
          Duration.between(now, until));
    }
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      return new Reply(response.code(), response.headers(), body == null ? "" : body.string());
    } catch (IOException e) {
      throw TicketBackendException.transientFailure(tracker + " could not be reached or did not answer ("
          + e.getClass().getSimpleName() + ").", null, e);
    }
  }

  /** Holds every call back for {@code wait}, and returns the failure that says so. */
  TicketBackendException limited(String message, Duration wait) {
    Duration bounded = wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
    Instant until = clock.instant().plus(bounded);
    if (until.isAfter(blockedUntil)) blockedUntil = until;
    return TicketBackendException.limited(message, bounded);
  }

  /**
   * The failure for an answer the tracker's own rules did not cover: a 5xx may pass, so the ledger
   * tries again; any other status is {@code refusal}, which trying again would not change.
   */
  TicketBackendException otherFailure(Reply reply, String refusal) {
    return reply.code() >= 500
        ? TicketBackendException.transientFailure(tracker + " failed (HTTP " + reply.code() + ").", null, null)
        : TicketBackendException.refused(refusal);
  }

  /** Holds calls back until {@code resetEpochSeconds} without failing this one (a used-up window). */
  void holdUntil(long resetEpochSeconds) {
    Instant until = Instant.ofEpochSecond(resetEpochSeconds);
    if (until.isAfter(blockedUntil)) blockedUntil = until;
  }

  Clock clock() {
    return clock;
  }

  /** {@code Retry-After} in seconds, or {@code fallback} when absent or an HTTP date. */
  static Duration retryAfter(Headers headers, Duration fallback) {
    String value = headers.get("Retry-After");
    if (value == null) return fallback;
    try {
      return Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** A response read whole. */
  record Reply(int code, Headers headers, String body) {
    boolean ok() {
      return code >= 200 && code < 300;
    }

    JsonNode json() {
      try {
        return body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
      } catch (IOException e) {
        return MissingNode.getInstance();
      }
    }
  }
}
