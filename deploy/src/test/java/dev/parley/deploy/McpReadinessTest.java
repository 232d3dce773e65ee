package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.tools.mcp.McpServerConnection;
import dev.parley.core.internal.tools.mcp.McpServerSpec;
import dev.parley.core.internal.tools.mcp.McpToolbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A down MCP server shows in /readyz details and the metrics, and leaves Parley ready. */
class McpReadinessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
  private final Metrics metrics = new Metrics();
  private final OpsServer ops = OpsServer.start(0, metrics.registry());
  private final McpToolbox toolbox = new McpToolbox(List.of(new McpServerSpec("wiki",
      new McpServerSpec.Stdio("/nonexistent/wiki-mcp", List.of(), Map.of("WIKI_TOKEN", "SECRET-WIKI-VALUE")))),
      new McpServerConnection.Timing(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1),
          Duration.ofMinutes(1), Duration.ofMinutes(1)));

  @AfterEach
  void close() {
    toolbox.close();
    ops.close();
    metrics.close();
  }

  @Test
  void aServerThatIsDownIsADetailNotAFailure() throws Exception {
    toolbox.start(Duration.ofSeconds(10));
    ops.addReadinessCheck(new McpReadiness(toolbox));
    McpReadiness.bindMetrics(toolbox, metrics.registry());

    try (Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + ops.port() + "/readyz").build())
        .execute()) {
      String body = response.body().string();
      assertThat(response.code()).isEqualTo(200);
      JsonNode ready = JSON.readTree(body);
      assertThat(ready.path("status").asText()).isEqualTo("ready");
      assertThat(ready.at("/details/mcp/wiki").asText())
          .isEqualTo("down: the command '/nonexistent/wiki-mcp' is not found or not executable; reconnecting");
      assertThat(body).doesNotContain("SECRET-WIKI-VALUE");
    }
    assertThat(metrics.registry().scrape())
        .contains("parley_mcp_server_up{application=\"parley\",server=\"wiki\"} 0.0")
        .contains("parley_mcp_server_failures_total{application=\"parley\",server=\"wiki\"} 1.0")
        .contains("parley_mcp_server_connects_total{application=\"parley\",server=\"wiki\"} 0.0");
  }
}
