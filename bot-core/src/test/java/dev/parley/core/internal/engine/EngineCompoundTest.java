package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.Submission;
import dev.parley.core.testing.CompoundAnswers.Result;
import dev.parley.core.testing.CompoundAnswers;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Groq's Compound systems and built-in tools end to end: the real Groq client against the fake
 * Groq, the real engine. The channel's ticket tools are on, as they are by default.
 */
class EngineCompoundTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final List<Result> FOUND = List.of(
      new Result("Tokyo weather today", "https://weather.example/tokyo"),
      new Result("Tokyo weather today (again)", "https://weather.example/tokyo/"),
      new Result("JMA forecast", "https://www.jma.example/en/forecast"));
  private static final String FOOTER = "\n\nSources:\n- [Tokyo weather today](https://weather.example/tokyo)\n"
      + "- [JMA forecast](https://www.jma.example/en/forecast)";

  private final ConversationKey key = new ConversationKey("test", "T1", "C1", UUID.randomUUID().toString());
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

  private void engine(UnaryOperator<ChannelSettings> channel) {
    ChannelSettings settings = channel.apply(TestEngines.settings(false));
    engine = TestEngines.inMemoryBuilder(groq.baseUrl()).channelSettings(k -> settings).build();
  }

  private static UnaryOperator<ChannelSettings> model(String model, List<String> fallbacks) {
    return s -> new ChannelSettings(s.systemPrompt(), model, fallbacks, false, s.enabledTools(), s.userLimit(),
        s.conversationLimit(), s.replyCadence());
  }

  private RecordingReplySink ask(String text) throws Exception {
    RecordingReplySink sink = new RecordingReplySink();
    Submission submission = engine.submit(
        new IncomingMessage(UUID.randomUUID().toString(), key, "U1", "Ada", text, null, Instant.now()), () -> sink);
    submission.done().get();
    assertThat(sink.awaitEnd(WAIT)).as("the reply ends").isTrue();
    return sink;
  }

  @Test
  void aCompoundAnswerEndsWithItsSourcesAndNeverShowsItsReasoning() throws Exception {
    engine(model("groq/compound", List.of()));
    groq.enqueue(CompoundAnswers.searchedAnswer("SECRET-THOUGHT: search the weather.", "Tokyo weather", FOUND,
        "It is sunny in Tokyo."));

    RecordingReplySink sink = ask("Weather in Tokyo?");

    assertThat(sink.notice()).isNull();
    assertThat(sink.finalText()).isEqualTo("It is sunny in Tokyo." + FOOTER);
    assertThat(sink.calls()).noneMatch(call -> call.contains("SECRET-THOUGHT") || call.contains("I have what I need"));
    JsonNode request = groq.takeRequest(WAIT);
    assertThat(request.get("model").asText()).isEqualTo("groq/compound");
    assertThat(request.has("tools")).as("Compound takes no tools from the caller").isFalse();
    assertThat(request.has("tool_choice")).isFalse();
  }

  @Test
  void theHistoryKeepsTheAnswerWithoutItsSourcesList() throws Exception {
    engine(model("groq/compound", List.of()));
    groq.enqueue(CompoundAnswers.searchedAnswer("Think.", "Tokyo weather", FOUND, "It is sunny in Tokyo."));
    ask("Weather in Tokyo?");
    groq.takeRequest(WAIT);

    ask("And tomorrow?");

    String messages = groq.takeRequest(WAIT).get("messages").toString();
    assertThat(messages).contains("It is sunny in Tokyo.").doesNotContain("Sources:", "weather.example", "Think.");
  }

  @Test
  void compoundIsChosenWithTheModelCommandToo() throws Exception {
    engine(s -> s);
    assertThat(engine.core().models().availableModels()).contains("groq/compound", "groq/compound-mini");
    engine.core().models().switchModel(key, "groq/compound-mini");
    groq.enqueue(CompoundAnswers.searchedAnswer("Think.", "q", FOUND.subList(2, 3), "Found it."));

    RecordingReplySink sink = ask("Look it up");

    assertThat(sink.finalText()).isEqualTo("Found it.\n\nSources:\n- [JMA forecast](https://www.jma.example/en/forecast)");
    JsonNode request = groq.takeRequest(WAIT);
    assertThat(request.get("model").asText()).isEqualTo("groq/compound-mini");
    assertThat(request.has("tools")).isFalse();
  }

  @Test
  void aCompoundToolRunThatFailsKeepsTheTextThatCameWithItsSourcesAndAsksNothingAgain() throws Exception {
    engine(model("groq/compound", List.of()));
    groq.enqueue(CompoundAnswers.failsAfter("According to the forecast", FOUND));

    RecordingReplySink sink = ask("Weather in Tokyo?");

    assertThat(sink.notice()).isEqualTo(Notices.CUT_OFF);
    assertThat(sink.finalText()).isEqualTo("According to the forecast" + FOOTER);
    groq.takeRequest(WAIT);
    assertThat(groq.takeRequest(Duration.ofMillis(300))).as("no corrective second request").isNull();
    assertThat(groq.completionCalls()).isEqualTo(1);
  }

  @Test
  void aGptOssChannelThatAllowsBuiltInToolsSendsThemInsteadOfTheTicketTools() throws Exception {
    engine(s -> model("openai/gpt-oss-120b", List.of()).apply(s).withBuiltInTools(Set.of("browser_search")));
    groq.enqueue(CompoundAnswers.searchedAnswer("Think.", "q", FOUND.subList(0, 1), "Sunny."));

    RecordingReplySink sink = ask("Weather in Tokyo?");

    assertThat(sink.finalText()).isEqualTo("Sunny.\n\nSources:\n- [Tokyo weather today](https://weather.example/tokyo)");
    JsonNode request = groq.takeRequest(WAIT);
    assertThat(request.get("tools").toString()).isEqualTo("[{\"type\":\"browser_search\"}]");
    assertThat(request.has("tool_choice")).isFalse();
  }

  @Test
  void builtInToolsAreNeverOfferedToAModelThatDoesNotTakeThem() throws Exception {
    engine(s -> s.withBuiltInTools(Set.of("browser_search", "code_interpreter")));
    groq.enqueueAnswer("Hello.");

    ask("hi");

    List<String> types = new java.util.ArrayList<>();
    groq.takeRequest(WAIT).get("tools").forEach(tool -> types.add(tool.get("type").asText()));
    assertThat(types).isNotEmpty().containsOnly("function");
  }

  @Test
  void aFallbackToCompoundDropsTheTicketToolsItCannotTake() throws Exception {
    engine(model(TestEngines.MODEL, List.of("groq/compound")));
    groq.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "120")
        .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}").build());
    groq.enqueue(CompoundAnswers.searchedAnswer("Think.", "q", FOUND.subList(2, 3), "From Compound."));

    RecordingReplySink sink = ask("hi");

    assertThat(sink.finalText()).startsWith("From Compound.");
    assertThat(groq.takeRequest(WAIT).has("tools")).isTrue();
    JsonNode fallback = groq.takeRequest(WAIT);
    assertThat(fallback.get("model").asText()).isEqualTo("groq/compound");
    assertThat(fallback.has("tools")).isFalse();
  }
}
