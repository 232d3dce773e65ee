package dev.parley.core.internal.tools.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * Keeps one MCP server connected. A virtual thread connects (initialize, then {@code tools/list}),
 * pings the server every {@link Timing#pingInterval()}, and on any failure (the process died, the
 * endpoint went away, a ping went unanswered) closes the client and connects anew after a
 * backoff that doubles from {@link Timing#firstBackoff()} to {@link Timing#maxBackoff()}. A stdio
 * server is restarted that way: each connect starts its process.
 *
 * <p>While the server is down it offers no tools, so the model is not shown tools that cannot
 * work; a call that races with a failure gets an error result. Thread-safe.
 */
public final class McpServerConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(McpServerConnection.class);

  /** Where the connection stands. */
  public enum State { CONNECTING, UP, DOWN, CLOSED }

  /**
   * What {@code /readyz} and the metrics show of one server.
   *
   * @param problem why the server is down, safe to show (no secrets), or null
   * @param connects successful connects so far; more than one means it was restarted
   */
  public record Status(String server, State state, int tools, String problem, long connects, long failures) {}

  /**
   * The clocks of a connection; {@link #DEFAULTS} in production, shorter in tests.
   *
   * @param connectTimeout how long initialize and the first {@code tools/list} may take
   */
  public record Timing(Duration connectTimeout, Duration pingInterval, Duration pingTimeout, Duration firstBackoff,
      Duration maxBackoff) {
    public static final Timing DEFAULTS = new Timing(Duration.ofSeconds(20), Duration.ofSeconds(15),
        Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1));
  }

  private final McpServerSpec spec;
  private final Timing timing;
  private final Consumer<McpServerConnection> onToolsChanged;
  private final Semaphore wake = new Semaphore(0);
  private final CountDownLatch firstAttempt = new CountDownLatch(1);
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile McpAsyncClient client;
  private volatile List<McpTool> tools = List.of();
  private volatile State state = State.CONNECTING;
  private volatile String problem;
  private volatile boolean closed;
  private Thread supervisor;

  McpServerConnection(McpServerSpec spec, Timing timing, Consumer<McpServerConnection> onToolsChanged) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.timing = Objects.requireNonNull(timing, "timing");
    this.onToolsChanged = Objects.requireNonNull(onToolsChanged, "onToolsChanged");
  }

  public String name() {
    return spec.name();
  }

  McpServerSpec spec() {
    return spec;
  }

  /** Starts connecting in the background; returns at once. */
  synchronized void start() {
    if (supervisor == null) supervisor = Thread.ofVirtual().name("mcp-" + spec.name()).start(this::supervise);
  }

  /** Waits until the first connect succeeded or failed, at most {@code timeout}. */
  boolean awaitFirstAttempt(Duration timeout) throws InterruptedException {
    return firstAttempt.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The server's tools while it is up; empty otherwise. */
  List<McpTool> tools() {
    return tools;
  }

  public Status status() {
    return new Status(spec.name(), state, tools.size(), problem, connects.get(), failures.get());
  }

  /**
   * Calls a tool on the server, blocking up to the server's call timeout.
   *
   * @throws McpCallException when the server is down, answered with a JSON-RPC error, timed out,
   *     or the connection failed; its message is meant for the model
   * @throws InterruptedException when the caller was interrupted (the engine's round timed out)
   */
  McpSchema.CallToolResult call(String tool, Map<String, Object> arguments)
      throws McpCallException, InterruptedException {
    McpAsyncClient current = client;
    if (current == null) {
      throw new McpCallException("The MCP server '" + spec.name() + "' is not connected right now; Parley is "
          + "reconnecting. Tell the user the tool is unavailable for the moment.");
    }
    Duration timeout = spec.callTimeout();
    try {
      // The client's request timeout is the connect timeout (a slow server must still be able to
      // initialize); each call has its own, shorter one.
      return current.callTool(new McpSchema.CallToolRequest(tool, arguments, null)).timeout(timeout).block();
    } catch (McpError e) {
      throw new McpCallException("The MCP server '" + spec.name() + "' refused the call: " + e.getMessage());
    } catch (RuntimeException e) {
      Throwable cause = Exceptions.unwrap(e);
      if (cause instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("MCP call interrupted");
      }
      wake.release(); // a failed call is a hint the connection is gone: check now, not at the next ping
      if (cause instanceof TimeoutException) {
        throw new McpCallException("The MCP server '" + spec.name() + "' did not answer within "
            + timeout.toSeconds() + " seconds.");
      }
      throw new McpCallException("The connection to the MCP server '" + spec.name() + "' failed ("
          + cause.getClass().getSimpleName() + ").");
    }
  }

  private void supervise() {
    int attempt = 0;
    while (!closed) {
      McpAsyncClient current = null;
      try {
        state = State.CONNECTING;
        current = connect();
        attempt = 0;
        watch(current);
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        if (closed) break;
        failures.incrementAndGet();
        problem = describe(e);
        log.warn("MCP server failed server={} problem={}", spec.name(), problem);
      } finally {
        client = null;
        setTools(List.of());
        firstAttempt.countDown();
        if (current != null) closeQuietly(current);
      }
      if (closed) break;
      state = State.DOWN;
      Duration delay = backoff(attempt++);
      log.info("MCP server reconnects server={} in={}ms", spec.name(), delay.toMillis());
      try {
        if (wake.tryAcquire(delay.toMillis(), TimeUnit.MILLISECONDS)) wake.drainPermits();
      } catch (InterruptedException e) {
        break;
      }
    }
    state = State.CLOSED;
  }

  private McpAsyncClient connect() {
    McpAsyncClient created = McpClient.async(McpTransports.create(spec))
        .clientInfo(new McpSchema.Implementation("parley", "1"))
        .requestTimeout(timing.connectTimeout())
        .initializationTimeout(timing.connectTimeout())
        .jsonSchemaValidator(McpSchemaValidator.INSTANCE)
        .toolsChangeConsumer(listed -> Mono.fromRunnable(() -> {
          if (client != null) setTools(listed);
        }))
        .build();
    try {
      created.initialize().block(timing.connectTimeout());
      McpSchema.ListToolsResult listed = created.listTools().block(timing.connectTimeout());
      client = created;
      setTools(listed == null ? List.of() : listed.tools());
      state = State.UP;
      problem = null;
      connects.incrementAndGet();
      firstAttempt.countDown();
      log.info("MCP server connected server={} tools={}", spec.name(), tools.size());
      return created;
    } catch (RuntimeException e) {
      closeQuietly(created);
      throw e;
    }
  }

  /** Pings until a ping fails (throws) or the connection is closed. */
  private void watch(McpAsyncClient current) throws InterruptedException {
    while (!closed) {
      if (wake.tryAcquire(timing.pingInterval().toMillis(), TimeUnit.MILLISECONDS)) wake.drainPermits();
      if (closed) return;
      current.ping().block(timing.pingTimeout());
    }
  }

  private void setTools(List<McpSchema.Tool> listed) {
    List<McpTool> offered = new ArrayList<>();
    for (McpSchema.Tool remote : listed) {
      McpTool.of(this, remote).ifPresentOrElse(offered::add, () -> log.warn(
          "MCP tool not offered: its name does not fit the model's 64-character [a-zA-Z0-9_-] rule server={} tool={}",
          spec.name(), remote.name()));
    }
    tools = List.copyOf(offered);
    onToolsChanged.accept(this);
  }

  Duration backoff(int attempt) {
    long millis = timing.firstBackoff().toMillis() << Math.min(attempt, 20);
    return Duration.ofMillis(Math.min(millis, timing.maxBackoff().toMillis()));
  }

  /** Why the connection failed, in words safe for {@code /readyz}: no URL, header or output. */
  private String describe(RuntimeException e) {
    Throwable cause = Exceptions.unwrap(e);
    if (cause instanceof McpTransports.McpStartException start) return start.getMessage();
    if (cause instanceof TimeoutException || e instanceof IllegalStateException && e.getMessage() != null
        && e.getMessage().startsWith("Timeout")) {
      return "no answer in time";
    }
    if (cause instanceof McpError error) return "the server answered with an error (" + error.getMessage() + ")";
    while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
    return "connection failed (" + cause.getClass().getSimpleName() + ")";
  }

  private void closeQuietly(McpAsyncClient current) {
    try {
      current.closeGracefully().block(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      log.debug("MCP client did not close cleanly server={}", spec.name(), e);
      current.close();
    }
  }

  /**
   * Stops reconnecting and closes the client (a stdio server's process ends with it). A
   * connection busy connecting is interrupted after a short wait, so closing takes seconds at most.
   */
  @Override
  public void close() {
    closed = true;
    wake.release();
    Thread thread;
    synchronized (this) {
      thread = supervisor;
    }
    try {
      if (thread != null && !thread.join(Duration.ofSeconds(6))) {
        thread.interrupt();
        thread.join(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    state = State.CLOSED;
  }

  /** A call that could not reach its answer; the message is for the model. */
  static final class McpCallException extends Exception {
    McpCallException(String message) {
      super(message, null, false, false);
    }
  }
}
