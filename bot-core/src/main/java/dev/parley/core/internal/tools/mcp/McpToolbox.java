package dev.parley.core.internal.tools.mcp;

import dev.parley.core.internal.tools.Tool;
import dev.parley.core.internal.tools.ToolRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools of every configured MCP server, as a {@link ToolRegistry.ToolSource} for the engine's
 * registry. Each server has its own {@link McpServerConnection}; whenever one's tool list changes
 * (connected, lost, {@code notifications/tools/list_changed}) the snapshot is rebuilt, so a
 * lookup on the hot path only reads a volatile field. Thread-safe.
 */
public final class McpToolbox implements ToolRegistry.ToolSource, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(McpToolbox.class);

  private final List<McpServerConnection> servers = new ArrayList<>();
  private volatile ToolRegistry snapshot = ToolRegistry.empty();

  public McpToolbox(List<McpServerSpec> specs) {
    this(specs, McpServerConnection.Timing.DEFAULTS);
  }

  public McpToolbox(List<McpServerSpec> specs, McpServerConnection.Timing timing) {
    Set<String> names = new HashSet<>();
    for (McpServerSpec spec : specs) {
      if (!names.add(spec.name())) throw new IllegalArgumentException("two MCP servers are named " + spec.name());
      servers.add(new McpServerConnection(spec, timing, changed -> rebuild()));
    }
  }

  /**
   * Starts connecting every server and waits until each has connected or failed once, at most
   * {@code wait} in all: the first messages then find the tools of quick servers, and a server
   * that hangs delays start-up by {@code wait} at most, never forever. Servers not up by then
   * keep connecting in the background.
   */
  public void start(Duration wait) {
    servers.forEach(McpServerConnection::start);
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      for (McpServerConnection server : servers) {
        server.awaitFirstAttempt(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (McpServerConnection server : servers) {
      McpServerConnection.Status status = server.status();
      log.info("MCP server at start server={} state={} tools={}", status.server(), status.state(), status.tools());
    }
  }

  @Override
  public ToolRegistry current() {
    return snapshot;
  }

  public List<McpServerConnection> servers() {
    return List.copyOf(servers);
  }

  public List<McpServerConnection.Status> statuses() {
    return servers.stream().map(McpServerConnection::status).toList();
  }

  private synchronized void rebuild() {
    List<Tool> tools = new ArrayList<>();
    for (McpServerConnection server : servers) {
      for (McpTool tool : server.tools()) {
        // A schema the validator cannot compile would fail the whole registry: leave that tool out.
        try {
          new ToolRegistry(List.of(tool));
          tools.add(tool);
        } catch (RuntimeException e) {
          log.warn("MCP tool not offered: its input schema cannot be used server={} tool={} problem={}",
              server.name(), tool.remoteName(), e.getMessage());
        }
      }
    }
    snapshot = new ToolRegistry(tools);
  }

  @Override
  public void close() {
    servers.parallelStream().forEach(McpServerConnection::close);
  }
}
