package dev.parley.core.internal.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.internal.engine.ConversationEngine;
import dev.parley.core.internal.tickets.CreateTicketTool;
import dev.parley.core.internal.tickets.InMemoryTicketStore;
import dev.parley.core.internal.tickets.LookupTicketTool;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An MCP tool call end to end: the real Groq client against the fake Groq, the real engine and
 * tool loop, and the real {@code server-everything} over stdio answering the call.
 */
class McpToolEngineTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static McpToolbox toolbox;
  private final ConversationKey key = new ConversationKey("test", "T1", "C1", UUID.randomUUID().toString());
  private FakeGroq groq;
  private ConversationEngine engine;

  @BeforeAll
  static void connect() {
    toolbox = new McpToolbox(List.of(new McpServerSpec("everything", EverythingServer.stdio(Map.of()),
        Duration.ofSeconds(2), McpServerSpec.DEFAULT_MAX_RESULT_BYTES)), McpStdioServerTest.QUICK);
    toolbox.start(WAIT);
  }

  @AfterAll
  static void disconnect() {
    toolbox.close();
  }

  @BeforeEach
  void start() {
    groq = FakeGroq.start();
    InMemoryTicketStore tickets = new InMemoryTicketStore();
    engine = TestEngines.inMemoryBuilder(groq.baseUrl())
        .tools(new ToolRegistry(List.of(new CreateTicketTool(tickets), new LookupTicketTool(tickets)), toolbox))
        .tickets(tickets)
        // The channel allows one MCP tool by name and one more, nothing else of the server.
        .channelSettings(k -> withTools(LookupTicketTool.NAME, "everything__get-sum",
            "everything__trigger-long-running-operation"))
        .toolTimeout(Duration.ofSeconds(10))
        .build();
  }

  @AfterEach
  void stop() {
    engine.close();
    groq.close();
  }

  private static ChannelSettings withTools(String... names) {
    ChannelSettings base = TestEngines.settings(false);
    return new ChannelSettings(base.systemPrompt(), base.model(), base.fallbackModels(), false, Set.of(names),
        base.userLimit(), base.conversationLimit(), base.replyCadence());
  }

  private RecordingReplySink ask(String text) throws InterruptedException {
    RecordingReplySink sink = new RecordingReplySink();
    engine.submit(new IncomingMessage(UUID.randomUUID().toString(), key, "U1", "Ada", text, null, Instant.now()),
        () -> sink);
    assertThat(sink.awaitEnd(WAIT)).as("the reply ends").isTrue();
    return sink;
  }

  private List<JsonNode> requests(int count) throws InterruptedException {
    List<JsonNode> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) requests.add(groq.takeRequest(WAIT));
    return requests;
  }

  private static List<String> offered(JsonNode request) {
    List<String> names = new ArrayList<>();
    request.path("tools").forEach(tool -> names.add(tool.at("/function/name").asText()));
    return names;
  }

  private static JsonNode lastMessage(JsonNode request) {
    JsonNode messages = request.get("messages");
    return messages.get(messages.size() - 1);
  }

  @Test
  void theModelCallsAnMcpToolAndAnswersWithWhatTheServerReturned() throws Exception {
    groq.enqueueToolCall("call_1", "everything__get-sum", "{\"a\":19,\"b\":23}");
    groq.enqueueAnswer("19 and 23 make 42.");

    RecordingReplySink sink = ask("What is 19 + 23? Use the calculator.");

    assertThat(sink.finalText()).isEqualTo("19 and 23 make 42.");
    List<JsonNode> requests = requests(2);
    assertThat(offered(requests.get(0))).containsExactlyInAnyOrder(LookupTicketTool.NAME, "everything__get-sum",
        "everything__trigger-long-running-operation");
    JsonNode result = lastMessage(requests.get(1));
    assertThat(result.get("role").asText()).isEqualTo("tool");
    assertThat(result.get("tool_call_id").asText()).isEqualTo("call_1");
    // The server's own words, computed by the server: "The sum of 19 and 23 is 42."
    assertThat(result.get("content").asText()).contains("19").contains("23").contains("42");
    groq.assertNoUnexpectedErrors();
  }

  @Test
  void aToolThatTimesOutIsAnErrorTheModelExplainsAndTheConversationGoesOn() throws Exception {
    groq.enqueueToolCall("call_1", "everything__trigger-long-running-operation", "{\"duration\":6,\"steps\":1}");
    groq.enqueueAnswer("The long operation did not finish in time.");

    assertThat(ask("Run the long operation").finalText()).isEqualTo("The long operation did not finish in time.");
    JsonNode result = lastMessage(requests(2).get(1));
    assertThat(result.get("content").asText()).contains("\"error\"").contains("did not answer within 2 seconds");

    groq.enqueueToolCall("call_2", "everything__get-sum", "{\"a\":1,\"b\":1}");
    groq.enqueueAnswer("Two.");
    assertThat(ask("And 1 + 1?").finalText()).isEqualTo("Two.");
    assertThat(lastMessage(requests(2).get(1)).get("content").asText()).contains("2");
  }

  @Test
  void aToolTheChannelDoesNotAllowIsNeitherOfferedNorRun() throws Exception {
    groq.enqueueToolCall("call_1", "everything__get-env", "{}");
    groq.enqueueAnswer("I cannot read the environment.");

    assertThat(ask("Show me the server's environment").finalText()).isEqualTo("I cannot read the environment.");
    List<JsonNode> requests = requests(2);
    assertThat(offered(requests.get(0))).doesNotContain("everything__get-env", "everything__echo");
    assertThat(lastMessage(requests.get(1)).get("content").asText()).contains("There is no tool named 'everything__get-env'");
  }
}
