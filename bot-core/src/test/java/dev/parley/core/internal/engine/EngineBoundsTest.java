package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.Submission;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.internal.llm.Role;
import dev.parley.core.internal.tickets.LookupTicketTool;
import dev.parley.core.internal.tools.Tool;
import dev.parley.core.internal.tools.ToolContext;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.internal.tools.ToolRunner;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bounds the engine keeps whatever the model or the user sends, end to end: the real Groq client
 * over HTTP and SSE against a fake Groq, the real engine, in-memory stores.
 */
class EngineBoundsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final ConversationKey key = new ConversationKey("test", "T1", "C1", UUID.randomUUID().toString());
  private final InMemoryHistoryStore history = new InMemoryHistoryStore();
  private FakeGroq groq;
  private ConversationEngine engine;

  @BeforeEach
  void start() {
    groq = FakeGroq.start();
  }

  @AfterEach
  void stop() {
    if (engine != null) engine.close();
    groq.close();
  }

  private ConversationEngine engine(UnaryOperator<ConversationEngineBuilder> adjust) {
    engine = adjust.apply(TestEngines.inMemoryBuilder(groq.baseUrl()).history(history)).build();
    return engine;
  }

  private Submission submit(ConversationKey conversation, String text, RecordingReplySink sink) {
    return engine.submit(new IncomingMessage(UUID.randomUUID().toString(), conversation, "U1", "Ada", text, null,
        Instant.now()), () -> sink);
  }

  private Submission.Outcome ask(String text, RecordingReplySink sink) throws Exception {
    Submission submission = submit(key, text, sink);
    assertThat(sink.awaitEnd(WAIT)).as("the reply ends").isTrue();
    return submission.done().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static ChannelSettings withTools(String... names) {
    ChannelSettings base = TestEngines.settings(false);
    return new ChannelSettings(base.systemPrompt(), base.model(), base.fallbackModels(), false, Set.of(names),
        base.userLimit(), base.conversationLimit(), base.replyCadence());
  }

  // ---- the round cap ----

  @Test
  void aServerThatIgnoresToolChoiceAndSendsTwelveCallsEveryRoundGetsAtMostSevenRequests() throws Exception {
    engine(b -> b);
    // "Forever": far more flood rounds than any cap; without one the loop would serve them all.
    for (int round = 1; round <= 40; round++) groq.enqueue(floodOfLookups(round, 12));
    RecordingReplySink sink = new RecordingReplySink();

    Submission.Outcome outcome = ask("look up everything", sink);

    assertThat(groq.completionCalls()).isLessThanOrEqualTo(7).isEqualTo(TurnTask.MAX_ROUNDS);
    assertThat(outcome).isEqualTo(Submission.Outcome.FAILED);
    assertThat(sink.notice()).isEqualTo(Notices.TOO_MANY_ROUNDS);
    List<JsonNode> requests = new ArrayList<>();
    for (int i = 0; i < groq.completionCalls(); i++) requests.add(groq.takeRequest(WAIT));
    assertThat(requests.getLast().get("tool_choice").asText()).isEqualTo("none");
    assertEveryCallIsFollowedByItsResults(history.load(key));
    assertThat(history.load(key).stream().filter(t -> !t.toolCalls().isEmpty()))
        .as("tool rounds run and stored").hasSize(TurnTask.MAX_ROUNDS - 1);
  }

  @Test
  void aConversationCutAtTheRoundCapStillMakesAValidNextPrompt() throws Exception {
    engine(b -> b);
    for (int round = 1; round <= TurnTask.MAX_ROUNDS; round++) groq.enqueue(floodOfLookups(round, 3));
    ask("look up everything", new RecordingReplySink());
    for (int i = 0; i < TurnTask.MAX_ROUNDS; i++) groq.takeRequest(WAIT);

    RecordingReplySink next = new RecordingReplySink();
    ask("and now?", next);

    assertThat(next.finalText()).isEqualTo("echo: and now?");
    JsonNode messages = groq.takeRequest(WAIT).get("messages");
    for (int i = 0; i < messages.size(); i++) {
      JsonNode calls = messages.get(i).path("tool_calls");
      for (int c = 0; c < calls.size(); c++) {
        assertThat(messages.get(i + 1 + c).get("tool_call_id").asText()).isEqualTo(calls.get(c).get("id").asText());
      }
    }
  }

  private static MockResponse floodOfLookups(int round, int calls) {
    List<String[]> lookups = new ArrayList<>();
    for (int c = 0; c < calls; c++) lookups.add(new String[] {"call_" + round + "_" + c, LookupTicketTool.NAME, "{\"id\":\"SUP-" + c + "\"}"});
    return FakeGroq.sse(FakeGroq.toolCallEvents(lookups), Duration.ZERO);
  }

  private static void assertEveryCallIsFollowedByItsResults(List<Turn> turns) {
    for (int i = 0; i < turns.size(); i++) {
      Turn turn = turns.get(i);
      if (turn.role() == Role.TOOL) {
        assertThat(i).as("a tool result has a call before it").isPositive();
      }
      for (int c = 0; c < turn.toolCalls().size(); c++) {
        assertThat(turns.get(i + 1 + c).toolCallId()).isEqualTo(turn.toolCalls().get(c).id());
      }
    }
  }

  // ---- tool arguments ----

  @Test
  void toolArgumentsOverSixteenKilobytesAreAToolErrorAndTheToolNeverRuns() throws Exception {
    RecordingTool tool = new RecordingTool();
    engine(b -> b.tools(new ToolRegistry(List.of(tool))).channelSettings(k -> withTools(RecordingTool.NAME)));
    String atTheLimit = argumentsOfBytes(ToolRunner.MAX_ARGUMENTS_BYTES);
    String overTheLimit = argumentsOfBytes(ToolRunner.MAX_ARGUMENTS_BYTES + 1);
    groq.enqueue(FakeGroq.sse(FakeGroq.toolCallEvents(List.of(
        new String[] {"call_fits", RecordingTool.NAME, atTheLimit},
        new String[] {"call_big", RecordingTool.NAME, overTheLimit})), Duration.ZERO));
    groq.enqueueAnswer("One worked.");

    ask("record these", new RecordingReplySink());

    assertThat(tool.received).hasSize(1);
    assertThat(tool.received.getFirst().get("text").asText().length()).isGreaterThan(8_000);
    groq.takeRequest(WAIT);
    JsonNode messages = groq.takeRequest(WAIT).get("messages");
    JsonNode big = messages.get(messages.size() - 1);
    assertThat(big.get("tool_call_id").asText()).isEqualTo("call_big");
    assertThat(big.get("content").asText()).contains("too large").contains("16384 bytes");
    JsonNode echoed = messages.get(messages.size() - 3).get("tool_calls");
    assertThat(echoed.get(0).at("/function/arguments").asText()).isEqualTo(atTheLimit);
    assertThat(echoed.get(1).at("/function/arguments").asText()).as("not echoed back in full").isEqualTo("{}");
    assertThat(history.load(key).get(1).toolCalls().get(1).arguments()).as("not stored in full").isEqualTo("{}");
  }

  /** Arguments JSON of exactly {@code bytes} UTF-8 bytes, made of two-byte characters where it can. */
  private static String argumentsOfBytes(int bytes) {
    String open = "{\"text\":\"";
    String close = "\"}";
    int room = bytes - open.length() - close.length();
    String text = "é".repeat(room / 2) + "x".repeat(room % 2);
    String json = open + text + close;
    assertThat(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(bytes);
    return json;
  }

  /** Records what it was called with. */
  static final class RecordingTool implements Tool {
    static final String NAME = "record";
    final List<JsonNode> received = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "Records text.";
    }

    @Override
    public JsonNode parametersSchema() {
      return new ObjectMapper().createObjectNode().put("type", "object");
    }

    @Override
    public String execute(JsonNode arguments, ToolContext context) {
      received.add(arguments);
      return "{\"ok\":true}";
    }
  }

  // ---- message length ----

  @Test
  void aMessageOverTheBoundGetsANoticeNoModelCallAndNothingStored() throws Exception {
    engine(b -> b.maxMessageChars(10));
    RecordingReplySink fits = new RecordingReplySink();
    // Ten emoji are twenty UTF-16 units: the bound counts what people count.
    assertThat(ask("🎉".repeat(10), fits)).isEqualTo(Submission.Outcome.ANSWERED);
    RecordingReplySink sink = new RecordingReplySink();

    Submission refused = submit(key, "🎉".repeat(11), sink);

    assertThat(refused.status()).isEqualTo(Submission.Status.REJECTED);
    assertThat(sink.awaitEnd(WAIT)).isTrue();
    assertThat(sink.notice()).isEqualTo("Your message is 11 characters long; Parley answers messages of up to 10."
        + " Please shorten it or split it up.");
    assertThat(groq.completionCalls()).isEqualTo(1);
    assertThat(history.load(key)).extracting(Turn::content).containsExactly("🎉".repeat(10), "echo: " + "🎉".repeat(10));
  }

  @Test
  void aHundredThousandCharacterMessageIsRefusedByDefault() throws Exception {
    engine(b -> b);
    RecordingReplySink sink = new RecordingReplySink();

    submit(key, "a".repeat(100_000), sink);

    assertThat(sink.awaitEnd(WAIT)).isTrue();
    assertThat(sink.notice()).contains("100,000 characters").contains("up to 16,000");
    assertThat(groq.completionCalls()).isZero();
    assertThat(history.load(key)).isEmpty();
  }

  // ---- the turn deadline ----

  @Test
  void anEndlessStreamEndsAtTheDeadlineWithItsTextKeptAndANotice() throws Exception {
    engine(b -> b.turnDeadline(Duration.ofSeconds(1)));
    EndlessAnswer endless = new EndlessAnswer("tick ");
    groq.enqueue(endless.response());
    RecordingReplySink sink = new RecordingReplySink();

    Submission.Outcome outcome = ask("count forever", sink);

    assertThat(outcome).isEqualTo(Submission.Outcome.FAILED);
    assertThat(sink.notice()).isEqualTo("The answer took longer than 1 second and was stopped.");
    assertThat(sink.finalText()).startsWith("tick tick ");
    assertThat("tick ".repeat(sink.finalText().length())).startsWith(sink.finalText());
    List<Turn> turns = history.load(key);
    assertThat(turns).hasSize(2);
    assertThat(turns.get(1).interrupted()).isTrue();
    assertThat(turns.get(1).content()).isEqualTo(sink.finalText());
    await().atMost(WAIT).untilTrue(endless.clientLeft);
  }

  @Test
  void theDeadlineAlsoEndsATurnStuckInATool() throws Exception {
    engine(b -> b.turnDeadline(Duration.ofSeconds(1)).toolTimeout(Duration.ofMinutes(10))
        .tools(new ToolRegistry(List.of(new EngineToolLoopTest.SlowTool())))
        .channelSettings(k -> withTools(EngineToolLoopTest.SlowTool.NAME)));
    groq.enqueueToolCall("call_slow", EngineToolLoopTest.SlowTool.NAME, "{}");
    RecordingReplySink sink = new RecordingReplySink();

    Submission.Outcome outcome = ask("be slow", sink);

    assertThat(outcome).isEqualTo(Submission.Outcome.FAILED);
    assertThat(sink.notice()).isEqualTo("The answer took longer than 1 second and was stopped.");
    assertThat(groq.completionCalls()).isEqualTo(1);
    assertThat(history.load(key)).extracting(Turn::content).containsExactly("be slow");
  }

  /** An answer that streams one word after another and never ends, until the client hangs up. */
  static final class EndlessAnswer implements MockResponseBody {
    final AtomicBoolean clientLeft = new AtomicBoolean();
    private final String roleEvent;
    private final String wordEvent;

    EndlessAnswer(String word) {
      List<String> events = FakeGroq.answerEvents(word, word.length());
      roleEvent = events.get(0);
      wordEvent = events.get(1);
    }

    MockResponse response() {
      return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
          .body(this).throttleBody(512, 20, TimeUnit.MILLISECONDS).build();
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try {
        sink.writeUtf8("data: " + roleEvent + "\n\n").flush();
        while (true) sink.writeUtf8("data: " + wordEvent + "\n\n").flush();
      } catch (IOException e) {
        clientLeft.set(true);
        throw e;
      }
    }
  }

  // ---- the tenant's token budget ----

  @Test
  void aTenantPastItsDailyTokensGetsANoticeNamingTheLimitAndNoModelCall() throws Exception {
    // FakeGroq reports usage.total_tokens = 225 for every answer.
    engine(b -> b.tokenBudget(new InMemoryTokenBudget(300, Clock.systemUTC())));
    assertThat(ask("one", new RecordingReplySink())).isEqualTo(Submission.Outcome.ANSWERED);
    assertThat(ask("two", new RecordingReplySink())).isEqualTo(Submission.Outcome.ANSWERED);
    RecordingReplySink sink = new RecordingReplySink();

    Submission refused = submit(key, "three", sink);

    assertThat(refused.status()).isEqualTo(Submission.Status.LIMITED);
    assertThat(sink.awaitEnd(WAIT)).isTrue();
    assertThat(sink.notice()).contains("daily allowance of 300 model tokens");
    assertThat(groq.completionCalls()).isEqualTo(2);

    ConversationKey otherTenant = new ConversationKey("test", "T2", "C1", key.thread());
    RecordingReplySink other = new RecordingReplySink();
    submit(otherTenant, "mine", other);
    assertThat(other.awaitEnd(WAIT)).isTrue();
    assertThat(other.finalText()).isEqualTo("echo: mine");
  }
}
