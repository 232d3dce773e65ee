package dev.parley.deploy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.parley.core.internal.status.StatusRelay.Outcome;
import dev.parley.core.internal.status.StatusRelay;
import dev.parley.core.internal.status.TrackerChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tracker's status webhook endpoint: the raw body is checked against the tracker's signature
 * before anything reads it, then parsed and relayed. Answers:
 * <ul>
 *   <li>401 with no detail for a missing or wrong signature (nothing tells a prober what failed);
 *   <li>405 for anything but POST; 400 for a signed body that is not the tracker's JSON;
 *   <li>200 for a change posted, posted before, ignored (not Parley's issue, Parley's own
 *       comment) and for any event Parley does not read, so no tracker counts it as a failure;
 *   <li>503 with {@code Retry-After} when the post failed, is still running, or runs on another
 *       instance, or when storage is unreachable: Jira retries 5xx, and a GitHub redelivery then
 *       finds the change done or posts it.
 * </ul>
 * Thread-safe.
 */
final class StatusWebhookRoute implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(StatusWebhookRoute.class);
  static final String RETRY_AFTER_SECONDS = "30";

  /** Checks a delivery's signature over its raw body. */
  @FunctionalInterface
  interface Verifier {
    boolean verified(Headers headers, byte[] body);
  }

  /** Turns a verified delivery into the changes it reports; empty when there is nothing to post. */
  @FunctionalInterface
  interface Reader {
    List<TrackerChange> changes(Headers headers, byte[] body);
  }

  private final String tracker;
  private final String deliveryHeader;
  private final Verifier verifier;
  private final Reader reader;
  private final StatusRelay relay;
  private final MeterRegistry registry;

  /**
   * @param deliveryHeader the header naming the delivery, for logs; null when the tracker sends none
   */
  StatusWebhookRoute(String tracker, String deliveryHeader, Verifier verifier, Reader reader, StatusRelay relay,
      MeterRegistry registry) {
    this.tracker = Objects.requireNonNull(tracker, "tracker");
    this.deliveryHeader = deliveryHeader;
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.relay = Objects.requireNonNull(relay, "relay");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        respond(exchange, 405, "POST only");
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Headers headers = exchange.getRequestHeaders();
      String delivery = deliveryHeader == null ? null : headers.getFirst(deliveryHeader);
      if (!verifier.verified(headers, body)) {
        log.warn("status webhook refused: bad signature tracker={} delivery={}", tracker, delivery);
        count("unauthorized");
        respond(exchange, 401, "");
        return;
      }
      answer(exchange, delivery, headers, body);
    }
  }

  private void answer(HttpExchange exchange, String delivery, Headers headers, byte[] body) throws IOException {
    List<TrackerChange> changes;
    try {
      changes = reader.changes(headers, body);
    } catch (IllegalArgumentException e) {
      // MalformedWebhookException, or an issue id Parley cannot key (TrackerChange's checks).
      log.warn("status webhook unreadable tracker={} delivery={} problem={}", tracker, delivery, e.getMessage());
      count("malformed");
      respond(exchange, 400, e.getMessage());
      return;
    }
    Outcome outcome;
    try {
      outcome = relay.relayAll(changes);
    } catch (RuntimeException e) {
      log.warn("status webhook not handled, storage unreachable tracker={} delivery={}", tracker, delivery, e);
      count("unavailable");
      retryLater(exchange, "storage unreachable");
      return;
    }
    log.info("status webhook tracker={} delivery={} changes={} outcome={}", tracker, delivery, changes.size(), outcome);
    count(outcome.name().toLowerCase(Locale.ROOT));
    switch (outcome) {
      case FAILED -> retryLater(exchange, "the post to the thread failed");
      case IN_PROGRESS -> retryLater(exchange, "being posted");
      default -> respond(exchange, 200, outcome.name().toLowerCase(Locale.ROOT));
    }
  }

  private void count(String outcome) {
    Counter.builder("parley.status.webhooks").description("Ticket status webhooks by tracker and outcome")
        .tag("tracker", tracker).tag("outcome", outcome).register(registry).increment();
  }

  private static void retryLater(HttpExchange exchange, String why) throws IOException {
    exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
    respond(exchange, 503, why);
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
