package dev.parley.deploy;

import static dev.parley.deploy.ParleyConfigTest.catchInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.tools.mcp.McpServerSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpServerConfigTest {
  private static final String GROQ = ParleyConfigTest.GROQ;
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("parley.yml");
    Files.writeString(file, yaml);
    return file;
  }

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>(Map.of("GROQ_API_KEY", GROQ));
    for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
    return env;
  }

  @Test
  void serversFromTheYamlFileWithSecretsFromTheEnvironmentAndChannelAllowLists() throws IOException {
    Path yaml = write("""
        channels:
          C0777:
            tools: [lookup_ticket, wiki__search, crm__*]
        mcp_servers:
          - name: wiki
            command: npx
            args: [-y, "@acme/wiki-mcp@1.4.2", 8080]
            env: {WIKI_TOKEN: "${WIKI_TOKEN}", MODE: read-only}
          - name: crm
            url: https://crm.example.com/mcp
            headers: {Authorization: "Bearer ${CRM_TOKEN}"}
            timeout: 10s
            max_result_bytes: 64KiB
        """);

    ParleyConfig config = ParleyConfig.load(env("PARLEY_CONFIG", yaml.toString(), "WIKI_TOKEN", "wiki-tok-1",
        "CRM_TOKEN", "crm-tok-2"));

    assertThat(config.mcpServers()).containsExactly(
        new McpServerSpec("wiki", new McpServerSpec.Stdio("npx", List.of("-y", "@acme/wiki-mcp@1.4.2", "8080"),
            Map.of("WIKI_TOKEN", "wiki-tok-1", "MODE", "read-only"))),
        new McpServerSpec("crm", new McpServerSpec.StreamableHttp(URI.create("https://crm.example.com/mcp"),
            Map.of("Authorization", "Bearer crm-tok-2")), Duration.ofSeconds(10), 64 * 1024));
    assertThat(config.channels().settingsFor(new ConversationKey("slack", "T1", "C0777", "1")).enabledTools())
        .isEqualTo(Set.of("lookup_ticket", "wiki__search", "crm__*"));
    assertThat(config.toString()).doesNotContain("wiki-tok-1").doesNotContain("crm-tok-2");
  }

  @Test
  void serversFromTheEnvironmentAsAJsonArrayOfTheSameEntries() {
    ParleyConfig config = ParleyConfig.load(env("PARLEY_MCP_SERVERS", """
        [{"name":"wiki","url":"http://wiki.internal:8080/mcp","headers":{"X-Api-Key":"${WIKI_KEY}"}},
         {"name":"files","command":"/opt/mcp/files","args":["--root","/srv"],"timeout":"5s"}]""",
        "WIKI_KEY", "k-3", "PARLEY_TOOLS", "create_ticket,wiki__*"));

    assertThat(config.mcpServers()).extracting(McpServerSpec::name).containsExactly("wiki", "files");
    assertThat(config.mcpServers().get(0).transport())
        .isEqualTo(new McpServerSpec.StreamableHttp(URI.create("http://wiki.internal:8080/mcp"), Map.of("X-Api-Key", "k-3")));
    assertThat(config.mcpServers().get(1).callTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.channels().defaults().enabledTools()).containsExactlyInAnyOrder("create_ticket", "wiki__*");
  }

  @Test
  void everyProblemIsReportedWithItsPlaceAndNoSecretValue() throws IOException {
    Path yaml = write("""
        channels:
          C0777:
            tools: [jira__create]
        mcp_servers:
          - name: my_wiki
            command: wiki-mcp
          - name: crm
            url: https://crm.example.com/mcp
            command: crm-mcp
          - name: docs
            url: https://docs.example.com/mcp
            headers: {Authorization: "Bearer ${DOCS_TOKEN}", Host: "evil-secret-host"}
          - name: files
            command: files-mcp
            timeout: 2m
            envv: {A: b}
          - name: files
            command: other
        """);

    InvalidConfigException error = catchInvalid(env("PARLEY_CONFIG", yaml.toString()));

    assertThat(error.problems()).extracting(p -> p.where() + ": " + p.problem()).containsExactlyInAnyOrder(
        "parley.yml line 5: the server name 'my_wiki' cannot prefix tool names",
        "parley.yml line 7: has both 'command' and 'url'",
        "parley.yml line 10: 'headers.Authorization' uses ${DOCS_TOKEN}, which is not set",
        "parley.yml line 13: unknown key 'envv', did you mean 'env'?",
        "parley.yml line 13: 'timeout' must be longer than 0 and at most 30s, the time the engine gives a round of tool calls",
        "PARLEY_CONFIG: channel 'C0777' names tool 'jira__create' of MCP server 'jira', which is not configured");
  }

  @Test
  void headerValuesNeverAppearInProblems() {
    InvalidConfigException error = catchInvalid(env("PARLEY_MCP_SERVERS", """
        [{"name":"docs","url":"https://docs.example.com/mcp","headers":{"Host":"secret-host-value"}},
         {"name":"x","url":"https://x.example.com/mcp?token=secret-query-value","headers":{"A":"b"}, "extra": 1}]"""));

    assertThat(error.getMessage()).contains("header 'Host' cannot be sent", "unknown key 'extra'")
        .doesNotContain("secret-host-value").doesNotContain("secret-query-value");
  }

  @Test
  void jsonThatDoesNotParseIsReportedWithoutQuotingIt() {
    InvalidConfigException error = catchInvalid(env("PARLEY_MCP_SERVERS", "[{\"name\":\"a\",\"headers\":{\"T\":\"tok-4\"}"));

    assertThat(error.problems()).singleElement().satisfies(p -> {
      assertThat(p.where()).isEqualTo("PARLEY_MCP_SERVERS");
      assertThat(p.problem()).startsWith("is not valid JSON (line 1");
    });
    assertThat(error.getMessage()).doesNotContain("tok-4");
  }

  @Test
  void serversInBothPlacesAreRefused() throws IOException {
    Path yaml = write("""
        mcp_servers:
          - {name: wiki, command: wiki-mcp}
        """);

    InvalidConfigException error = catchInvalid(env("PARLEY_CONFIG", yaml.toString(),
        "PARLEY_MCP_SERVERS", "[{\"name\":\"crm\",\"command\":\"crm-mcp\"}]"));

    assertThat(error.problems()).extracting(ConfigProblem::where).containsExactly("PARLEY_MCP_SERVERS");
  }
}
