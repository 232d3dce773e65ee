package dev.parley.core.internal.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.tools.Tool;
import dev.parley.core.internal.tools.ToolContext;
import dev.parley.core.internal.tools.TurnUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Parley's MCP client against the real {@code @modelcontextprotocol/server-everything} from the
 * npm registry, started over stdio the way production starts a configured command.
 */
class McpStdioServerTest {
  static final McpServerConnection.Timing QUICK = new McpServerConnection.Timing(Duration.ofSeconds(30),
      Duration.ofMillis(300), Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(1));
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();
  private McpToolbox toolbox;

  @AfterEach
  void close() {
    if (toolbox != null) toolbox.close();
  }

  private McpToolbox started(McpServerSpec spec) {
    toolbox = new McpToolbox(List.of(spec), QUICK);
    toolbox.start(WAIT);
    assertThat(toolbox.statuses()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(McpServerConnection.State.UP));
    return toolbox;
  }

  private String call(String name, String arguments) throws Exception {
    Tool tool = toolbox.current().find(name).orElseThrow().tool();
    return tool.execute(JSON.readTree(arguments), context());
  }

  static ToolContext context() {
    return new ToolContext("call_1", "event-1", "U1", "Ada", new ConversationKey("test", "T1", "C1", "t1"), null,
        new TurnUsage());
  }

  @Test
  void offersTheServersToolsUnderItsNameWithTheirSchemas() {
    started(new McpServerSpec("everything", EverythingServer.stdio(Map.of())));

    assertThat(toolbox.current().names()).contains("everything__echo", "everything__get-sum", "everything__get-env");
    JsonNode schema = toolbox.current().find("everything__get-sum").orElseThrow().tool().parametersSchema();
    assertThat(schema.at("/properties/a/type").asText()).isEqualTo("number");
    assertThat(schema.has("$schema")).as("the draft-07 marker is dropped").isFalse();
    assertThat(toolbox.statuses().getFirst().tools()).isEqualTo(toolbox.current().names().size());
  }

  @Test
  void callsReachTheServerAndItsAnswerComesBackAsText() throws Exception {
    started(new McpServerSpec("everything", EverythingServer.stdio(Map.of())));

    assertThat(call("everything__echo", "{\"message\":\"hello from Parley\"}")).isEqualTo("Echo: hello from Parley");
    assertThat(call("everything__get-sum", "{\"a\":2,\"b\":40}")).contains("42");
  }

  @Test
  void anImageInAResultBecomesAPlaceholderNotBase64() throws Exception {
    started(new McpServerSpec("everything", EverythingServer.stdio(Map.of())));

    String text = call("everything__get-tiny-image", "{}");

    assertThat(text).contains("[image (image/png) not shown]").doesNotContain("iVBOR");
  }

  @Test
  void theServerGetsItsConfiguredEnvironmentAndNoneOfParleys() throws Exception {
    started(new McpServerSpec("everything", EverythingServer.stdio(Map.of("WIKI_TOKEN", "wiki-secret-1"))));

    String env = call("everything__get-env", "{}");

    assertThat(env).contains("\"WIKI_TOKEN\"").contains("wiki-secret-1");
    Set<String> basics = Set.of("HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER");
    Set<String> parentOnly = System.getenv().keySet().stream().filter(k -> !basics.contains(k))
        .collect(Collectors.toSet());
    assertThat(parentOnly).as("this JVM has variables of its own to leave behind").isNotEmpty();
    for (String name : parentOnly) assertThat(env).doesNotContain("\"" + name + "\"");
  }

  @Test
  void aCallLongerThanTheTimeoutIsAnErrorAndTheServerStaysUp() throws Exception {
    started(new McpServerSpec("everything", EverythingServer.stdio(Map.of()), Duration.ofSeconds(1),
        McpServerSpec.DEFAULT_MAX_RESULT_BYTES));

    assertThatThrownBy(() -> call("everything__trigger-long-running-operation", "{\"duration\":5,\"steps\":1}"))
        .isInstanceOf(McpServerConnection.McpCallException.class).hasMessageContaining("did not answer within 1 seconds");

    assertThat(call("everything__echo", "{\"message\":\"still here\"}")).isEqualTo("Echo: still here");
  }

  @Test
  void aServerWhoseProcessDiesIsReportedDownAndStartedAgain() throws Exception {
    started(new McpServerSpec("everything", EverythingServer.stdio(Map.of())));
    List<ProcessHandle> servers = ProcessHandle.current().descendants().filter(EverythingServer::isServerProcess).toList();
    assertThat(servers).hasSize(1);

    servers.getFirst().destroyForcibly();

    await().atMost(WAIT).until(() -> toolbox.statuses().getFirst().failures() >= 1);
    await().atMost(WAIT).until(() -> toolbox.statuses().getFirst().connects() == 2
        && toolbox.statuses().getFirst().state() == McpServerConnection.State.UP);
    assertThat(ProcessHandle.current().descendants().filter(EverythingServer::isServerProcess).toList())
        .singleElement().isNotEqualTo(servers.getFirst());
    assertThat(call("everything__echo", "{\"message\":\"back\"}")).isEqualTo("Echo: back");
  }

  @Test
  void aCommandThatCannotStartIsReportedDownWithoutStoppingStartUp() {
    toolbox = new McpToolbox(List.of(new McpServerSpec("broken",
        new McpServerSpec.Stdio("/nonexistent/mcp-server", List.of(), Map.of()))), QUICK);

    toolbox.start(WAIT);

    McpServerConnection.Status status = toolbox.statuses().getFirst();
    assertThat(status.state()).isIn(McpServerConnection.State.DOWN, McpServerConnection.State.CONNECTING);
    assertThat(status.problem()).isEqualTo("the command '/nonexistent/mcp-server' is not found or not executable");
    assertThat(toolbox.current().names()).isEmpty();
  }
}
