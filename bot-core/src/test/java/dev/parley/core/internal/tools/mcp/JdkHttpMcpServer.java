package dev.parley.core.internal.tools.mcp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * A real MCP server built with the SDK, served over Streamable HTTP by the JDK's own HTTP server.
 * The SDK's HTTP server transports are servlets and need a servlet container; its stateless
 * server ({@link McpServer#sync(McpStatelessServerTransport)}) needs only a transport that hands
 * each POSTed JSON-RPC message to its handler, which this class is. It answers as the SDK's
 * servlet transport does: JSON for a request, 202 for a notification, 405 for the optional GET
 * stream, 400 unless Accept names both application/json and text/event-stream. The MCP spec
 * (2025-11-25, basic/transports, "Streamable HTTP") has the client send that Accept header with
 * every POST, the server answer an accepted notification with 202 and no body, and a server
 * without a GET stream answer GET with 405.
 */
final class JdkHttpMcpServer implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final McpStatelessSyncServer server;
  private final Transport transport = new Transport();
  /** The headers of every POST, as the server received them. */
  final List<Map<String, List<String>>> posts = new CopyOnWriteArrayList<>();

  private JdkHttpMcpServer(int port, Consumer<McpServer.StatelessSyncSpecification> tools) throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    http.setExecutor(executor);
    http.createContext("/mcp", this::handle);
    McpServer.StatelessSyncSpecification spec = McpServer.sync(transport).serverInfo("parley-test", "1")
        .jsonMapper(McpTransports.JSON).jsonSchemaValidator(McpSchemaValidator.INSTANCE)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build());
    tools.accept(spec);
    server = spec.build();
    http.start();
  }

  static JdkHttpMcpServer start(Consumer<McpServer.StatelessSyncSpecification> tools) throws IOException {
    return new JdkHttpMcpServer(0, tools);
  }

  /** A new server on the port of an old one, as after a restart. */
  static JdkHttpMcpServer startOn(int port, Consumer<McpServer.StatelessSyncSpecification> tools) throws IOException {
    return new JdkHttpMcpServer(port, tools);
  }

  int port() {
    return http.getAddress().getPort();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port() + "/mcp");
  }

  /** The header of a request, from the transport context the SDK gives a tool handler. */
  @SuppressWarnings("unchecked")
  static String header(McpTransportContext context, String name) {
    Map<String, List<String>> headers = (Map<String, List<String>>) context.get("headers");
    if (headers == null) return null;
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "");
        return;
      }
      Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
      posts.add(headers);
      String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
      if (!accept.contains("application/json") || !accept.contains("text/event-stream")) {
        respond(exchange, 400, "{\"error\":\"Accept must name application/json and text/event-stream\"}");
        return;
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      McpTransportContext context = McpTransportContext.create(Map.of("headers", headers));
      McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(McpTransports.JSON, body);
      if (message instanceof McpSchema.JSONRPCRequest request) {
        McpSchema.JSONRPCResponse response = transport.handler.handleRequest(context, request)
            .contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        respond(exchange, 200, McpTransports.JSON.writeValueAsString(response));
      } else if (message instanceof McpSchema.JSONRPCNotification notification) {
        transport.handler.handleNotification(context, notification)
            .contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        respond(exchange, 202, "");
      } else {
        respond(exchange, 400, "{\"error\":\"requests and notifications only\"}");
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops serving at once, as a server that crashed. */
  @Override
  public void close() {
    http.stop(0);
    server.close();
    executor.shutdownNow();
  }

  private static final class Transport implements McpStatelessServerTransport {
    private volatile McpStatelessServerHandler handler;

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
      this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
      return Mono.empty();
    }
  }
}
