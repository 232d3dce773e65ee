package dev.parley.core.internal.tools.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.json.PooledJson;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the SDK transport of a server: a fresh one for every connect, as the SDK expects. */
final class McpTransports {
  private static final Logger log = LoggerFactory.getLogger(McpTransports.class);
  /** The SDK's Jackson 2 mapper; Parley runs on Jackson 2 and keeps Jackson 3 out of the build. */
  static final McpJsonMapper JSON = new JacksonMcpJsonMapper(PooledJson.newMapper());
  /**
   * The most characters of one message from a server. The SDK's default is 16 MB; a tool
   * result is cut to far less anyway (see {@link McpServerSpec#MAX_RESULT_BYTES}), so a server
   * cannot make Parley hold more than this in memory for one line.
   */
  static final int MAX_MESSAGE_CHARS = 4 * 1024 * 1024;

  private McpTransports() {}

  static McpClientTransport create(McpServerSpec spec) {
    return switch (spec.transport()) {
      case McpServerSpec.Stdio stdio -> stdio(spec.name(), stdio);
      case McpServerSpec.StreamableHttp http -> http(http);
    };
  }

  private static McpClientTransport stdio(String server, McpServerSpec.Stdio stdio) {
    // The SDK reports a command that cannot start only as a request timeout; say it at once.
    if (!runnable(stdio.command())) {
      throw new McpStartException("the command '" + stdio.command() + "' is not found or not executable");
    }
    // ServerParameters adds PATH, HOME, USER, LOGNAME, SHELL and TERM to the configured env.
    ServerParameters parameters = ServerParameters.builder(stdio.command()).args(stdio.args()).env(stdio.env()).build();
    StdioClientTransport transport = new IsolatedStdioTransport(parameters);
    // A server's stderr is its log; at DEBUG so a chatty server cannot flood Parley's.
    transport.setStdErrorHandler(line -> log.debug("MCP server stderr server={} line={}", server, line));
    return transport;
  }

  private static McpClientTransport http(McpServerSpec.StreamableHttp http) {
    URI url = http.url();
    String base = url.getScheme() + "://" + url.getRawAuthority();
    String endpoint = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    // The SDK copies this builder for every request, so the headers go with each one.
    HttpRequest.Builder request = HttpRequest.newBuilder();
    http.headers().forEach(request::header);
    return HttpClientStreamableHttpTransport.builder(base).endpoint(endpoint).jsonMapper(JSON)
        .requestBuilder(request).connectTimeout(Duration.ofSeconds(10)).maxResponseSize(MAX_MESSAGE_CHARS).build();
  }

  /** Whether {@code command} names an executable file, itself or on PATH, as the process start will look. */
  static boolean runnable(String command) {
    if (command.contains("/")) return Files.isExecutable(Path.of(command));
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
    }
    return false;
  }

  /** A server that cannot even be started; the message is safe to show. */
  static final class McpStartException extends RuntimeException {
    McpStartException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The SDK's stdio transport starts the child with {@link ProcessBuilder}, which copies the
   * whole environment of Parley, GROQ_API_KEY and the platform tokens included, before adding
   * the server's. This one starts it from an empty environment, so a server sees only what the
   * SDK's basics and its configuration give it.
   */
  static final class IsolatedStdioTransport extends StdioClientTransport {
    IsolatedStdioTransport(ServerParameters parameters) {
      super(parameters, JSON, MAX_MESSAGE_CHARS);
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
      ProcessBuilder builder = new ProcessBuilder();
      builder.environment().clear();
      return builder;
    }
  }
}
