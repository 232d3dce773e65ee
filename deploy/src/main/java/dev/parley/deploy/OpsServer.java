package dev.parley.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server on {@code PORT}: {@code /healthz}, {@code /readyz}, {@code /metrics}, and
 * whatever a platform mounts (Slack's {@code POST /slack/events} in HTTP mode). Each request runs
 * on its own virtual thread, so a slow readiness probe never holds up a Slack event.
 */
public final class OpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final PrometheusMeterRegistry registry;
  private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();

  private OpsServer(HttpServer server, PrometheusMeterRegistry registry) {
    this.server = server;
    this.registry = registry;
    server.setExecutor(executor);
    server.createContext("/healthz", exchange -> respond(exchange, 200, "application/json", "{\"status\":\"ok\"}"));
    server.createContext("/readyz", this::readiness);
    server.createContext("/metrics", this::metrics);
  }

  /** Binds {@code port} on every interface and starts serving. Port 0 picks a free port. */
  public static OpsServer start(int port, PrometheusMeterRegistry registry) {
    try {
      OpsServer ops = new OpsServer(HttpServer.create(new InetSocketAddress(port), 64), registry);
      ops.server.start();
      log.info("HTTP server listening port={}", ops.port());
      return ops;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Adds a dependency that {@code /readyz} waits for. */
  public void addReadinessCheck(ReadinessCheck check) {
    checks.add(check);
  }

  /** Serves {@code path} with {@code handler}, such as Slack's events endpoint. */
  public void mount(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  /** Stops at once; probes that fail during shutdown are what Kubernetes expects. */
  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }

  private void readiness(HttpExchange exchange) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode failing = JSON.createObjectNode();
    for (ReadinessCheck check : checks) {
      Optional<String> problem = check.problem();
      problem.ifPresent(p -> failing.put(check.name(), p));
    }
    body.put("status", failing.isEmpty() ? "ready" : "not ready");
    if (!failing.isEmpty()) body.set("failing", failing);
    respond(exchange, failing.isEmpty() ? 200 : 503, "application/json", body.toString());
  }

  private void metrics(HttpExchange exchange) throws IOException {
    respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
