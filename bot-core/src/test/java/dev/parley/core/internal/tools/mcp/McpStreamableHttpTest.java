package dev.parley.core.internal.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.llm.ToolCall;
import dev.parley.core.internal.observe.EngineObserver;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.internal.tools.ToolRunner;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Parley's MCP client over Streamable HTTP against an in-process server built with the SDK, and
 * every way a call can go wrong, as the model sees it through the {@link ToolRunner}.
 */
class McpStreamableHttpTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> NO_ARGS = Map.of("type", "object", "properties", Map.of());
  private final List<JdkHttpMcpServer> servers = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private McpToolbox toolbox;

  @AfterEach
  void close() {
    release.countDown();
    if (toolbox != null) toolbox.close();
    servers.forEach(JdkHttpMcpServer::close);
  }

  private final Consumer<McpServer.StatelessSyncSpecification> tools = spec -> spec
      .toolCall(tool("whoami"), (context, request) -> text("token " + JdkHttpMcpServer.header(context, "Authorization")))
      .toolCall(tool("fails"), (context, request) -> McpSchema.CallToolResult.builder()
          .addTextContent("the wiki is read-only today").isError(true).build())
      .toolCall(tool("huge"), (context, request) -> text("x".repeat(5_000)))
      .toolCall(tool("hangs"), (context, request) -> {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return text("too late");
      });

  private static McpSchema.Tool tool(String name) {
    return McpSchema.Tool.builder().name(name).description("test tool " + name).inputSchema(NO_ARGS).build();
  }

  private static McpSchema.CallToolResult text(String text) {
    return McpSchema.CallToolResult.builder().addTextContent(text).build();
  }

  private JdkHttpMcpServer server() throws Exception {
    JdkHttpMcpServer server = JdkHttpMcpServer.start(tools);
    servers.add(server);
    return server;
  }

  private void connect(JdkHttpMcpServer server, Duration callTimeout, int maxResultBytes) {
    McpServerSpec spec = new McpServerSpec("wiki", new McpServerSpec.StreamableHttp(server.url(),
        Map.of("Authorization", "Bearer wiki-secret-7")), callTimeout, maxResultBytes);
    toolbox = new McpToolbox(List.of(spec), McpStdioServerTest.QUICK);
    toolbox.start(WAIT);
  }

  private ToolRunner.Result run(String tool) throws InterruptedException {
    ToolRunner runner = new ToolRunner(new ToolRegistry(List.of(), toolbox), Duration.ofSeconds(10), EngineObserver.NONE);
    return runner.run(List.of(new ToolCall("call_1", tool, "{}")), Set.of("wiki__*"), id -> McpStdioServerTest.context())
        .getFirst();
  }

  private static String error(ToolRunner.Result result) throws Exception {
    assertThat(result.ok()).isFalse();
    JsonNode body = JSON.readTree(result.content());
    return body.get("error").asText();
  }

  @Test
  void sendsTheConfiguredHeadersWithEveryRequest() throws Exception {
    JdkHttpMcpServer server = server();
    connect(server, Duration.ofSeconds(5), 1024);

    ToolRunner.Result result = run("wiki__whoami");

    assertThat(result.ok()).isTrue();
    assertThat(result.content()).isEqualTo("token Bearer wiki-secret-7");
    assertThat(server.posts).hasSizeGreaterThanOrEqualTo(3) // initialize, initialized, tools/list, tools/call
        .allSatisfy(headers -> assertThat(headers.get("Authorization")).containsExactly("Bearer wiki-secret-7"));
  }

  @Test
  void aResultTheServerMarksAsAnErrorReachesTheModelAsAToolError() throws Exception {
    connect(server(), Duration.ofSeconds(5), 1024);

    assertThat(error(run("wiki__fails"))).isEqualTo("The tool 'wiki__fails' reported an error: the wiki is read-only today");
  }

  @Test
  void aResultOverTheCapIsAToolErrorNotATruncatedAnswer() throws Exception {
    connect(server(), Duration.ofSeconds(5), 1024);

    assertThat(error(run("wiki__huge"))).contains("returned 5000 bytes, more than the 1024 bytes");
  }

  @Test
  void aCallThatTakesTooLongIsAToolError() throws Exception {
    connect(server(), Duration.ofSeconds(1), 1024);

    assertThat(error(run("wiki__hangs"))).contains("failed: The MCP server 'wiki' did not answer within 1 seconds");
  }

  @Test
  void aToolOfAnotherServerOrNotAllowedIsNotRun() throws Exception {
    connect(server(), Duration.ofSeconds(5), 1024);
    ToolRunner runner = new ToolRunner(new ToolRegistry(List.of(), toolbox), Duration.ofSeconds(10), EngineObserver.NONE);

    ToolRunner.Result result = runner.run(List.of(new ToolCall("call_1", "wiki__whoami", "{}")),
        Set.of("crm__*", "wiki__fails"), id -> McpStdioServerTest.context()).getFirst();

    assertThat(error(result)).startsWith("There is no tool named 'wiki__whoami'");
    assertThat(new ToolRegistry(List.of(), toolbox).definitions(Set.of("wiki__fails")))
        .extracting(d -> d.name()).containsExactly("wiki__fails");
  }

  @Test
  void aServerThatGoesAwayIsDownWithoutToolsAndReconnectedWhenBack() throws Exception {
    JdkHttpMcpServer first = server();
    connect(first, Duration.ofSeconds(5), 1024);
    assertThat(toolbox.current().names()).contains("wiki__whoami");
    int port = first.port();

    first.close();

    await().atMost(WAIT).until(() -> toolbox.statuses().getFirst().state() != McpServerConnection.State.UP);
    assertThat(toolbox.current().names()).isEmpty();
    assertThat(toolbox.statuses().getFirst().problem()).doesNotContain("wiki-secret-7").doesNotContain("127.0.0.1");

    servers.add(JdkHttpMcpServer.startOn(port, tools));

    await().atMost(WAIT).until(() -> toolbox.statuses().getFirst().state() == McpServerConnection.State.UP);
    assertThat(toolbox.statuses().getFirst().connects()).isEqualTo(2);
    assertThat(run("wiki__whoami").content()).isEqualTo("token Bearer wiki-secret-7");
  }
}
