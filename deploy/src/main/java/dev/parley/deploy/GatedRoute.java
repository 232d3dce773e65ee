package dev.parley.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A route that exists before its handler does and after it is withdrawn: until {@link #open} it
 * answers 503 with {@code Retry-After}, and again once {@link #drain} is called. A caller that
 * retries (Slack re-delivers an Events API callback after a 5xx, up to three times, and a load
 * balancer sends the retry to a ready replica) then loses nothing, where a 404 would read as "no
 * such endpoint" and a handler that is gone would drop the request. Thread-safe.
 */
final class GatedRoute implements HttpHandler {
  /** What {@code Retry-After} asks for: about how long a start's remaining steps take. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private sealed interface State {}

  private record Closed(String reason) implements State {}

  private record Open(HttpHandler handler) implements State {}

  private volatile State state = new Closed("starting");

  /** From now on, requests go to {@code handler}. */
  void open(HttpHandler handler) {
    state = new Open(Objects.requireNonNull(handler, "handler"));
  }

  /** From now on, requests get 503 again, saying the process is shutting down. Idempotent. */
  void drain() {
    state = new Closed("shutting down");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    switch (state) {
      case Open(HttpHandler handler) -> handler.handle(exchange);
      case Closed(String reason) -> refuse(exchange, reason);
    }
  }

  private static void refuse(HttpExchange exchange, String reason) throws IOException {
    try (exchange) {
      byte[] body = (reason + ", retry shortly").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Retry-After", Long.toString(RETRY_AFTER.toSeconds()));
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(503, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
