package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.internal.tools.mcp.EverythingServer;
import dev.parley.core.internal.tools.mcp.McpServerSpec;
import dev.parley.core.testing.FakeGroq;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An MCP tool call answered through a real MCP server, through the jar: {@code PARLEY_MCP_SERVERS}
 * names {@code server-everything} over stdio, the fake Groq asks for one of its tools, and the
 * answer comes back on the console; {@code /readyz} and {@code /metrics} show the server.
 */
class McpThroughTheJarIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "TOPSECRETMCPTOKEN";

  @Test
  void theModelCallsAToolOfAConfiguredServerAndTheOperatorSeesItsState() throws Exception {
    McpServerSpec.Stdio everything = EverythingServer.stdio(Map.of());
    ArrayNode servers = JSON.createArrayNode();
    ObjectNode server = servers.addObject().put("name", "everything").put("command", everything.command());
    server.set("args", JSON.valueToTree(everything.args()));
    server.putObject("env").put("EVERYTHING_TOKEN", "${MCP_TEST_TOKEN}");
    int port = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.start();
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(),
            "GROQ_API_KEY", FakeGroq.API_KEY, "PORT", Integer.toString(port),
            "PARLEY_MCP_SERVERS", servers.toString(), "MCP_TEST_TOKEN", SECRET,
            "PARLEY_TOOLS", "lookup_ticket,everything__get-sum"))) {
      groq.enqueueToolCall("call_1", "everything__get-sum", "{\"a\":19,\"b\":23}");
      groq.enqueueAnswer("19 and 23 make 42.");

      parley.writeLine("What is 19 + 23?");
      parley.awaitStdout("parley> 19 and 23 make 42.", Duration.ofSeconds(60));

      JsonNode first = groq.takeRequest(Duration.ofSeconds(5));
      JsonNode second = groq.takeRequest(Duration.ofSeconds(5));
      assertThat(first.path("tools").toString()).contains("\"everything__get-sum\"").doesNotContain("everything__echo");
      JsonNode messages = second.path("messages");
      JsonNode result = messages.get(messages.size() - 1);
      assertThat(result.path("role").asText()).isEqualTo("tool");
      assertThat(result.path("content").asText()).contains("42");

      JsonNode ready = JSON.readTree(get(port, "/readyz"));
      assertThat(ready.path("status").asText()).isEqualTo("ready");
      assertThat(ready.at("/details/mcp/everything").asText()).startsWith("up, ");
      assertThat(get(port, "/metrics")).contains("parley_mcp_server_up{application=\"parley\",server=\"everything\"} 1.0");

      parley.closeStdin();
      assertThat(parley.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(parley.stdout() + parley.stderr()).doesNotContain(SECRET);
      assertThat(parley.stderr()).contains("MCP server connected server=everything");
    }
  }

  private static String get(int port, String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    }
  }
}
