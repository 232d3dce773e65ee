package dev.parley.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's Events API over HTTP ({@code POST /slack/events}) for the JDK's HTTP server, so that
 * {@code deploy} can mount it next to its other endpoints. It checks the signature itself and
 * answers 401 to anything unsigned, badly signed, stale or from the future, before any of it is
 * parsed; then answers {@code url_verification}, and hands everything else to Bolt through its
 * request parser, writing Bolt's response back.
 *
 * <p>Bodies are bounded before they are read: a declared length over {@link #MAX_BODY} gets 413
 * without a byte read, and a chunked body is read only up to one byte past it (413 too). Slack's
 * own payloads are a few kilobytes; the largest, a view submission, stays far below 1 MiB.
 */
final class SlackHttpEndpoint implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(SlackHttpEndpoint.class);
  /** The largest request body accepted, in bytes. */
  public static final int MAX_BODY = 1 << 20;

  private final App app;
  private final SlackSignatureVerifier verifier;
  private final SlackRequestParser parser;

  public SlackHttpEndpoint(App app, SlackSignatureVerifier verifier) {
    this.app = app;
    this.verifier = verifier;
    this.parser = new SlackRequestParser(app.config());
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    // The exchange closes after the catch, so that a failure still gets its status line.
    try (exchange) {
      answer(exchange);
    }
  }

  private void answer(HttpExchange exchange) {
    try {
      if (!"POST".equals(exchange.getRequestMethod())) {
        write(exchange, 405, "text/plain", "");
        return;
      }
      if (declaredLength(exchange) > MAX_BODY) {
        write(exchange, 413, "text/plain", "request body over " + MAX_BODY + " bytes");
        return;
      }
      byte[] body = readAtMost(exchange.getRequestBody(), MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        write(exchange, 413, "text/plain", "request body over " + MAX_BODY + " bytes");
        return;
      }
      var headers = exchange.getRequestHeaders();
      if (!verifier.verify(headers.getFirst("X-Slack-Request-Timestamp"), headers.getFirst("X-Slack-Signature"), body)) {
        log.warn("slack request rejected: bad or stale signature remote={}", exchange.getRemoteAddress());
        write(exchange, 401, "text/plain", "invalid signature");
        return;
      }
      String text = new String(body, StandardCharsets.UTF_8);
      String challenge = challenge(text);
      if (challenge != null) {
        write(exchange, 200, "application/json", SlackBodies.JSON.createObjectNode().put("challenge", challenge).toString());
        return;
      }
      Request<?> request;
      try {
        request = boltRequest(exchange, text);
      } catch (RuntimeException e) {
        // Signed, but not a payload Bolt can read (an event that is not an object, none at all):
        // the sender's mistake, answered as one, and nothing is handled.
        log.warn("slack request malformed: path={} error={}", exchange.getRequestURI().getPath(), e.toString());
        write(exchange, 400, "text/plain", "malformed request");
        return;
      }
      Response response = app.run(request);
      write(exchange, response.getStatusCode(), response.getContentType(), response.getBody());
    } catch (Exception e) {
      log.error("slack request failed: path={}", exchange.getRequestURI().getPath(), e);
      write(exchange, 500, "text/plain", "");
    }
  }

  /**
   * Up to {@code limit} bytes, or fewer at the end of the stream. Not {@code readNBytes}: once it
   * has {@code limit} bytes it still asks for zero more, and a chunked stream then waits for the
   * next chunk's header, which a client that stopped sending never sends.
   */
  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    byte[] buffer = new byte[Math.min(limit, 64 * 1024)];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int total = 0;
    while (total < limit) {
      int n = in.read(buffer, 0, Math.min(buffer.length, limit - total));
      if (n < 0) break;
      out.write(buffer, 0, n);
      total += n;
    }
    return out.toByteArray();
  }

  /** The declared body length; -1 when absent (chunked), and over any cap when unreadable. */
  private static long declaredLength(HttpExchange exchange) {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared == null) return -1;
    try {
      return Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private Request<?> boltRequest(HttpExchange exchange, String body) {
    Map<String, List<String>> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
    return parser.parse(SlackRequestParser.HttpRequest.builder()
        .requestUri(exchange.getRequestURI().getPath())
        .queryString(Map.of())
        .headers(new RequestHeaders(headers))
        .requestBody(body)
        .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
        .build());
  }

  private static String challenge(String body) {
    if (!body.strip().startsWith("{")) return null;
    JsonNode json = SlackBodies.parse(body);
    return "url_verification".equals(json.path("type").asText()) ? json.path("challenge").asText() : null;
  }

  private static void write(HttpExchange exchange, Integer status, String contentType, String body) {
    try {
      byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      if (contentType != null) exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status == null ? 200 : status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      log.debug("slack response not written", e);
    }
  }
}
