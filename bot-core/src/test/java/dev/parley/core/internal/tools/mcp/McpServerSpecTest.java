package dev.parley.core.internal.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class McpServerSpecTest {
  private static final McpServerSpec.Stdio STDIO = new McpServerSpec.Stdio("npx", List.of("-y", "server"), Map.of());

  @ParameterizedTest
  @ValueSource(strings = {"", "my_wiki", "wiki.prod", "-wiki", "a-name-longer-than-20c", "wiki server"})
  void namesThatCannotNamespaceCleanlyAreRefused(String name) {
    assertThatThrownBy(() -> new McpServerSpec(name, STDIO)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"wiki", "crm-eu", "Jira2", "a2345678901234567890"})
  void shortNamesOfLettersDigitsAndHyphensAreTaken(String name) {
    assertThat(new McpServerSpec(name, STDIO).name()).isEqualTo(name);
  }

  @Test
  void aToolNameThatDoesNotFitTheFunctionNameRuleIsNotOffered() {
    assertThat(McpTool.namespaced("wiki", "search-pages")).contains("wiki__search-pages");
    assertThat(McpTool.namespaced("wiki", "pages.search")).isEmpty();
    assertThat(McpTool.namespaced("wiki", "x".repeat(58))).contains("wiki__" + "x".repeat(58)); // 64 characters
    assertThat(McpTool.namespaced("wiki", "x".repeat(59))).isEmpty();
  }

  @Test
  void toStringShowsNamesOfSecretsNeverTheirValues() {
    McpServerSpec stdio = new McpServerSpec("wiki",
        new McpServerSpec.Stdio("wiki-mcp", List.of(), Map.of("WIKI_TOKEN", "tok-123")));
    McpServerSpec http = new McpServerSpec("crm", new McpServerSpec.StreamableHttp(
        URI.create("https://crm.example/mcp?api_key=k-456"), Map.of("Authorization", "Bearer b-789")));

    assertThat(stdio.toString()).contains("WIKI_TOKEN=(redacted)").doesNotContain("tok-123");
    assertThat(http.toString()).contains("Authorization=(redacted)").doesNotContain("b-789").doesNotContain("k-456");
  }

  @Test
  void boundsOutsideTheirRangeAreRefused() {
    assertThatThrownBy(() -> new McpServerSpec("wiki", STDIO, Duration.ofSeconds(31), 1024))
        .hasMessageContaining("at most 30s");
    assertThatThrownBy(() -> new McpServerSpec("wiki", STDIO, Duration.ZERO, 1024)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new McpServerSpec("wiki", STDIO, Duration.ofSeconds(5), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new McpServerSpec("wiki", new McpServerSpec.StreamableHttp(
        URI.create("https://user:pw@crm.example/mcp"), Map.of()))).hasMessageContaining("user or password");
  }
}
