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
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server on {@code PORT}: {@code /healthz}, {@code /readyz}, {@code /metrics}, and
 * whatever a platform mounts (Slack's {@code POST /slack/events} in HTTP mode). Each request runs
 * on its own virtual thread, so a slow readiness probe never holds up a Slack event.
 *
 * <p>Anyone who can reach the port can send anything, so every request is bounded before a
 * handler reads it (see {@link RequestBounds}): at most {@link #MAX_CONCURRENT_REQUESTS} at once
 * (503 beyond), bodies capped per endpoint (413 beyond; the probes take {@link #PROBE_MAX_BODY}
 * bytes), a request fully received within {@link #REQUEST_DEADLINE_SECONDS} and answered within
 * {@link #RESPONSE_DEADLINE_SECONDS} (else the connection is closed), and at most
 * {@link #MAX_CONNECTIONS} open connections.
 */
final class OpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Requests handled at once; Slack events and probes take milliseconds each. */
  static final int MAX_CONCURRENT_REQUESTS = 64;
  /** The probes and {@code /metrics} take no body. */
  static final long PROBE_MAX_BODY = 1024;
  /** From a request's first byte to its last; a Slack event arrives in well under a second. */
  static final int REQUEST_DEADLINE_SECONDS = 10;
  /** From a request's last byte to its answer's last, handler included. */
  static final int RESPONSE_DEADLINE_SECONDS = 60;
  static final int MAX_CONNECTIONS = 256;

  static {
    // The JDK server reads these once, when its first instance is made; an operator's -D wins.
    defaultProperty("sun.net.httpserver.maxReqTime", Integer.toString(REQUEST_DEADLINE_SECONDS));
    defaultProperty("sun.net.httpserver.maxRspTime", Integer.toString(RESPONSE_DEADLINE_SECONDS));
    defaultProperty("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore places;
  private final PrometheusMeterRegistry registry;
  private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();

  private OpsServer(HttpServer server, PrometheusMeterRegistry registry, int maxConcurrentRequests) {
    this.server = server;
    this.registry = registry;
    this.places = new Semaphore(maxConcurrentRequests);
    server.setExecutor(executor);
    // Liveness answers however busy the server is: a flood must not get a healthy process restarted.
    server.createContext("/healthz", exchange -> respond(exchange, 200, "application/json", "{\"status\":\"ok\"}"))
        .getFilters().add(new RequestBounds(null, PROBE_MAX_BODY));
    mount("/readyz", this::readiness, PROBE_MAX_BODY);
    mount("/metrics", this::metrics, PROBE_MAX_BODY);
  }

  /** Binds {@code port} on every interface and starts serving. Port 0 picks a free port. */
  public static OpsServer start(int port, PrometheusMeterRegistry registry) {
    return start(port, registry, MAX_CONCURRENT_REQUESTS);
  }

  static OpsServer start(int port, PrometheusMeterRegistry registry, int maxConcurrentRequests) {
    OpsServer ops = bind(port, registry, maxConcurrentRequests);
    ops.serve();
    return ops;
  }

  /**
   * Binds {@code port} without serving yet: connections wait in the backlog until {@link #serve()},
   * so routes mounted in between (Slack's events route) exist for the very first request.
   */
  static OpsServer bind(int port, PrometheusMeterRegistry registry) {
    return bind(port, registry, MAX_CONCURRENT_REQUESTS);
  }

  private static OpsServer bind(int port, PrometheusMeterRegistry registry, int maxConcurrentRequests) {
    try {
      return new OpsServer(HttpServer.create(new InetSocketAddress(port), 64), registry, maxConcurrentRequests);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
  }

  /** Starts answering on the bound port. Call once. */
  void serve() {
    server.start();
    log.info("HTTP server listening port={}", port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Adds a dependency that {@code /readyz} waits for. */
  public void addReadinessCheck(ReadinessCheck check) {
    checks.add(check);
  }

  /**
   * Serves {@code path} with {@code handler}, such as Slack's events endpoint, within the
   * server's bounds and with request bodies of at most {@code maxBody} bytes.
   */
  public void mount(String path, HttpHandler handler, long maxBody) {
    server.createContext(path, handler).getFilters().add(new RequestBounds(places, maxBody));
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
    ObjectNode details = JSON.createObjectNode();
    for (ReadinessCheck check : checks) {
      Optional<String> problem = check.problem();
      problem.ifPresent(p -> failing.put(check.name(), p));
      if (!check.details().isEmpty()) details.set(check.name(), JSON.valueToTree(check.details()));
    }
    body.put("status", failing.isEmpty() ? "ready" : "not ready");
    if (!failing.isEmpty()) body.set("failing", failing);
    if (!details.isEmpty()) body.set("details", details);
    respond(exchange, failing.isEmpty() ? 200 : 503, "application/json", body.toString());
  }

  private void metrics(HttpExchange exchange) throws IOException {
    respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
  }

  private static void defaultProperty(String name, String value) {
    if (System.getProperty(name) == null) System.setProperty(name, value);
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
