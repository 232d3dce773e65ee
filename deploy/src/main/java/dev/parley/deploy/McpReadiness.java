package dev.parley.deploy;

import dev.parley.core.internal.tools.mcp.McpServerConnection;
import dev.parley.core.internal.tools.mcp.McpToolbox;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * MCP servers in {@code /readyz} and the metrics. A server that is down never makes Parley
 * unready: restarting Parley would not bring a remote server back, and only that server's tools
 * are missing meanwhile (the model is not offered them); its state shows under
 * {@code details.mcp}, and {@code parley_mcp_server_up} lets an alert watch it.
 */
final class McpReadiness implements ReadinessCheck {
  private final McpToolbox toolbox;

  McpReadiness(McpToolbox toolbox) {
    this.toolbox = toolbox;
  }

  /** Registers, per server: up (1 or 0), tools offered, connects and failures so far. */
  static void bindMetrics(McpToolbox toolbox, MeterRegistry registry) {
    for (McpServerConnection server : toolbox.servers()) {
      Gauge.builder("parley.mcp.server.up", server, s -> s.status().state() == McpServerConnection.State.UP ? 1 : 0)
          .description("Whether the MCP server is connected").tag("server", server.name()).register(registry);
      Gauge.builder("parley.mcp.server.tools", server, s -> s.status().tools())
          .description("Tools the MCP server offers now").tag("server", server.name()).register(registry);
      FunctionCounter.builder("parley.mcp.server.connects", server, s -> s.status().connects())
          .description("Successful connects to the MCP server; more than one means it was restarted")
          .tag("server", server.name()).register(registry);
      FunctionCounter.builder("parley.mcp.server.failures", server, s -> s.status().failures())
          .description("Connects that failed and connections that were lost").tag("server", server.name())
          .register(registry);
    }
  }

  @Override
  public String name() {
    return "mcp";
  }

  @Override
  public Optional<String> problem() {
    return Optional.empty();
  }

  @Override
  public Map<String, String> details() {
    Map<String, String> details = new LinkedHashMap<>();
    for (McpServerConnection.Status status : toolbox.statuses()) {
      details.put(status.server(), switch (status.state()) {
        case UP -> "up, " + status.tools() + " tools";
        case CONNECTING -> "connecting";
        case DOWN -> "down: " + status.problem() + "; reconnecting";
        case CLOSED -> "closed";
      });
    }
    return details;
  }
}
