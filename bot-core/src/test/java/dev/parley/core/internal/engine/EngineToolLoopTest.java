package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.Submission;
import dev.parley.core.internal.observe.EngineObserver;
import dev.parley.core.internal.tickets.CreateTicketTool;
import dev.parley.core.internal.tickets.InMemoryTicketStore;
import dev.parley.core.internal.tickets.LookupTicketTool;
import dev.parley.core.internal.tools.Tool;
import dev.parley.core.internal.tools.ToolContext;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tool loop end to end: the real Groq client against a fake Groq, the real engine, in-memory stores. */
class EngineToolLoopTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private final ConversationKey key = new ConversationKey("test", "T1", "C1", UUID.randomUUID().toString());
  private final InMemoryTicketStore tickets = new InMemoryTicketStore();
  private FakeGroq groq;
  private ConversationEngine engine;

  @BeforeEach
  void start() {
    groq = FakeGroq.start();
    engine = engineWith(new CreateTicketTool(tickets), new LookupTicketTool(tickets), new SlowTool());
  }

  @AfterEach
  void stop() {
    engine.close();
    groq.close();
  }

  private ConversationEngine engineWith(Tool... tools) {
    return TestEngines.inMemoryBuilder(groq.baseUrl())
        .tools(new ToolRegistry(List.of(tools)))
        .tickets(tickets)
        .channelSettings(k -> withTools(CreateTicketTool.NAME, LookupTicketTool.NAME, SlowTool.NAME))
        .toolTimeout(Duration.ofMillis(500))
        .build();
  }

  private static ChannelSettings withTools(String... names) {
    ChannelSettings base = TestEngines.settings(false);
    return new ChannelSettings(base.systemPrompt(), base.model(), base.fallbackModels(), false,
        java.util.Set.of(names), base.userLimit(), base.conversationLimit(), base.replyCadence());
  }

  private RecordingReplySink ask(String text) throws InterruptedException {
    RecordingReplySink sink = new RecordingReplySink();
    engine.submit(new IncomingMessage(UUID.randomUUID().toString(), key, "U1", "Ada", text, "https://chat/p/1", Instant.now()), () -> sink);
    assertThat(sink.awaitEnd(WAIT)).as("the reply ends").isTrue();
    return sink;
  }

  private List<JsonNode> requests(int count) throws InterruptedException {
    List<JsonNode> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) requests.add(groq.takeRequest(WAIT));
    return requests;
  }

  @Test
  void singleToolCallCreatesTicketAndTheModelAnswersWithIt() throws Exception {
    groq.enqueueToolCall("call_1", "create_ticket", "{\"title\":\"VPN down\",\"description\":\"Cannot connect\",\"priority\":\"high\"}");
    groq.enqueueAnswer("I opened SUP-1 for you.");

    RecordingReplySink sink = ask("Please get me a human, the VPN is down");

    assertThat(sink.finalText()).isEqualTo("I opened SUP-1 for you.");
    assertThat(tickets.find(key.tenantScope(), "SUP-1")).get().satisfies(t -> {
      assertThat(t.title()).isEqualTo("VPN down");
      assertThat(t.priority()).isEqualTo("high");
      assertThat(t.reporterId()).isEqualTo("U1");
      assertThat(t.permalink()).isEqualTo("https://chat/p/1");
    });
    JsonNode second = requests(2).get(1);
    JsonNode messages = second.get("messages");
    JsonNode assistant = messages.get(messages.size() - 2);
    assertThat(assistant.get("role").asText()).isEqualTo("assistant");
    assertThat(assistant.at("/tool_calls/0/id").asText()).isEqualTo("call_1");
    JsonNode tool = messages.get(messages.size() - 1);
    assertThat(tool.get("role").asText()).isEqualTo("tool");
    assertThat(tool.get("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(tool.get("content").asText()).contains("\"id\":\"SUP-1\"");
  }

  @Test
  void aRunningToolShowsItsProgressLine() throws Exception {
    // The throttle coalesces edits, so a fast tool's progress line may never be drawn; this tool
    // returns only once the line is on screen, which makes the check independent of timing.
    RecordingReplySink sink = new RecordingReplySink();
    Tool waitsForItsLine = new SlowTool() {
      @Override
      public String execute(JsonNode arguments, ToolContext context) {
        org.awaitility.Awaitility.await().atMost(WAIT)
            .until(() -> sink.calls().stream().anyMatch(c -> c.contains("Running slow_tool…")));
        return "{\"ok\":true}";
      }
    };
    engine.close();
    engine = TestEngines.inMemoryBuilder(groq.baseUrl())
        .tools(new ToolRegistry(List.of(waitsForItsLine)))
        .channelSettings(k -> withTools(SlowTool.NAME))
        .toolTimeout(WAIT.multipliedBy(2))
        .build();
    groq.enqueueToolCall("call_1", SlowTool.NAME, "{}");
    groq.enqueueAnswer("Done.");

    engine.submit(new IncomingMessage(UUID.randomUUID().toString(), key, "U1", "Ada", "go", null, Instant.now()), () -> sink);

    assertThat(sink.awaitEnd(WAIT)).as("the reply ends").isTrue();
    assertThat(sink.finalText()).isEqualTo("Done.");
    assertThat(sink.calls()).contains("status:Running slow_tool…", "status:");
    assertThat(sink.calls()).filteredOn(c -> !c.startsWith("status:")).noneMatch(c -> c.contains("Running"));
  }

  @Test
  void parallelCallsEachGetTheirResult() throws Exception {
    tickets.create(new dev.parley.core.api.NewTicket("Old", "Old issue", "low", "U9", null, key, null), "seed");
    groq.enqueue(FakeGroq.sse(FakeGroq.toolCallEvents(List.of(
        new String[] {"call_a", "lookup_ticket", "{\"id\":\"sup-1\"}"},
        new String[] {"call_b", "create_ticket", "{\"title\":\"New\",\"description\":\"Another\"}"})), Duration.ZERO));
    groq.enqueueAnswer("Done.");

    assertThat(ask("check SUP-1 and open another").finalText()).isEqualTo("Done.");

    JsonNode messages = requests(2).get(1).get("messages");
    JsonNode first = messages.get(messages.size() - 2);
    JsonNode second = messages.get(messages.size() - 1);
    assertThat(first.get("tool_call_id").asText()).isEqualTo("call_a");
    assertThat(first.get("content").asText()).contains("\"title\":\"Old\"");
    assertThat(second.get("tool_call_id").asText()).isEqualTo("call_b");
    assertThat(second.get("content").asText()).contains("SUP-2");
  }

  @Test
  void fragmentedArgumentsAreAssembledBeforeTheToolRuns() throws Exception {
    groq.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body("""
        data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}],"x_groq":{"id":"req_1"}}

        data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_f","type":"function","function":{"name":"create_ticket","arguments":"{\\"title\\":\\"Fr"}}]},"finish_reason":null}]}

        data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"agments\\",\\"description\\":\\"d\\"}"}}]},"finish_reason":null}]}

        data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

        data: [DONE]

        """).build());
    groq.enqueueAnswer("Opened.");

    assertThat(ask("open one").finalText()).isEqualTo("Opened.");
    assertThat(tickets.find(key.tenantScope(), "SUP-1")).get().extracting(t -> t.title()).isEqualTo("Fragments");
  }

  @Test
  void unknownToolAndInvalidArgumentsGoBackToTheModelAsErrors() throws Exception {
    groq.enqueue(FakeGroq.sse(FakeGroq.toolCallEvents(List.of(
        new String[] {"call_u", "delete_everything", "{}"},
        new String[] {"call_j", "create_ticket", "{not json"},
        new String[] {"call_s", "create_ticket", "{\"title\":\"x\",\"priority\":\"whenever\"}"})), Duration.ZERO));
    groq.enqueueAnswer("Sorry, I could not do that.");

    assertThat(ask("do things").finalText()).isEqualTo("Sorry, I could not do that.");

    JsonNode messages = requests(2).get(1).get("messages");
    int n = messages.size();
    assertThat(messages.get(n - 3).get("content").asText()).contains("no tool named 'delete_everything'");
    assertThat(messages.get(n - 2).get("content").asText()).contains("not valid JSON");
    assertThat(messages.get(n - 1).get("content").asText()).contains("schema").contains("description").contains("priority");
    assertThat(tickets.find(key.tenantScope(), "SUP-1")).isEmpty();
  }

  @Test
  void aToolThatTimesOutBecomesAnErrorResult() throws Exception {
    groq.enqueueToolCall("call_slow", SlowTool.NAME, "{}");
    groq.enqueueAnswer("The tool was too slow.");

    assertThat(ask("be slow").finalText()).isEqualTo("The tool was too slow.");

    JsonNode messages = requests(2).get(1).get("messages");
    assertThat(messages.get(messages.size() - 1).get("content").asText()).contains("did not answer within");
  }

  @Test
  void toolUseFailedGetsOneCorrectiveRetry() throws Exception {
    groq.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body("""
        event: error
        data: {"error":{"message":"Tool call validation failed: parameters for tool create_ticket did not match schema","type":"invalid_request_error","code":"tool_use_failed","failed_generation":"{\\"name\\":\\"create_ticket\\"}","status_code":400}}

        """).build());
    groq.enqueueAnswer("Recovered.");

    assertThat(ask("ticket please").finalText()).isEqualTo("Recovered.");

    JsonNode retry = requests(2).get(1);
    JsonNode last = retry.get("messages").get(retry.get("messages").size() - 1);
    assertThat(last.get("role").asText()).isEqualTo("system");
    assertThat(last.get("content").asText()).contains("Tool call validation failed").contains("create_ticket");
  }

  @Test
  void theLoopStopsAfterFiveRoundsWithAnAnswer() throws Exception {
    for (int i = 1; i <= 4; i++) groq.enqueueToolCall("call_" + i, "lookup_ticket", "{\"id\":\"SUP-9\"}");
    groq.enqueueAnswer("I could not find it.");

    assertThat(ask("find SUP-9").finalText()).isEqualTo("I could not find it.");

    List<JsonNode> requests = requests(5);
    for (int i = 0; i < 4; i++) assertThat(requests.get(i).get("tool_choice").asText()).isEqualTo("auto");
    assertThat(requests.get(4).get("tool_choice").asText()).isEqualTo("none");
    assertThat(groq.takeRequest(Duration.ofMillis(300))).isNull();
  }

  @Test
  void stopDuringAToolRunEndsTheTurnWithoutAnotherModelCall() throws Exception {
    engine.close();
    engine = TestEngines.inMemoryBuilder(groq.baseUrl()).tools(new ToolRegistry(List.of(new SlowTool())))
        .tickets(tickets).channelSettings(k -> withTools(SlowTool.NAME)).toolTimeout(Duration.ofSeconds(60)).build();
    groq.enqueueToolCall("call_slow", SlowTool.NAME, "{}");
    RecordingReplySink sink = new RecordingReplySink();
    Submission submission = engine.submit(new IncomingMessage("E-stop", key, "U1", "Ada", "be slow", null, Instant.now()), () -> sink);
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> sink.calls().stream().anyMatch(c -> c.contains("Running slow_tool…")));

    engine.stop(key);

    assertThat(submission.done().get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Submission.Outcome.CANCELLED);
    assertThat(sink.notice()).isEqualTo(Notices.STOPPED);
    assertThat(groq.completionCalls()).isEqualTo(1);
  }

  @Test
  void metricsHearOfEditsAndNeverOfAToolNameTheModelMadeUp() throws Exception {
    List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    engine.close();
    engine = TestEngines.inMemoryBuilder(groq.baseUrl()).tickets(tickets)
        .tools(new ToolRegistry(List.of(new CreateTicketTool(tickets))))
        .channelSettings(k -> withTools(CreateTicketTool.NAME))
        .observer(new EngineObserver() {
          @Override
          public void editSent(String platform, boolean rateLimited) {
            seen.add("edit:" + platform + ":" + rateLimited);
          }

          @Override
          public void toolCall(String tool, String outcome) {
            seen.add("tool:" + tool + ":" + outcome);
          }
        }).build();
    groq.enqueueToolCall("call_x", "exfiltrate_secrets_" + UUID.randomUUID(), "{}");
    groq.enqueueAnswer("No such tool.");

    assertThat(ask("go").finalText()).isEqualTo("No such tool.");

    assertThat(seen).contains("tool:(unknown):unknown", "edit:test:false");
    assertThat(seen).noneMatch(s -> s.contains("exfiltrate"));
  }

  @Test
  void theSameCreateTicketCallDeliveredTwiceCreatesOneTicket() throws Exception {
    CreateTicketTool tool = new CreateTicketTool(tickets);
    JsonNode args = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"title\":\"Once\",\"description\":\"only once\"}");
    ToolContext context = new ToolContext("call_same", "Ev1", "U1", "Ada", key, null, new dev.parley.core.internal.tools.TurnUsage());

    String first = tool.execute(args, context);
    String second = tool.execute(args, context);

    assertThat(second).isEqualTo(first);
    assertThat(tickets.find(key.tenantScope(), "SUP-1")).isPresent();
    assertThat(tickets.find(key.tenantScope(), "SUP-2")).isEmpty();
  }

  /** A tool that never answers in time. */
  static class SlowTool implements Tool {
    static final String NAME = "slow_tool";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "Takes forever.";
    }

    @Override
    public JsonNode parametersSchema() {
      return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("type", "object");
    }

    @Override
    public String execute(JsonNode arguments, ToolContext context) throws InterruptedException {
      Thread.sleep(Duration.ofSeconds(30));
      return "late";
    }
  }
}
