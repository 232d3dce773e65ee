package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.llm.ChatCompletion;
import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.ChatRequest;
import dev.parley.core.internal.llm.ExecutedTool;
import dev.parley.core.internal.llm.FinishReason;
import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.WebSource;
import dev.parley.core.testing.CompoundAnswers.Result;
import dev.parley.core.testing.CompoundAnswers;
import dev.parley.core.testing.FakeGroq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Groq's Compound systems stream, through the real client: the thinking stays apart from the
 * answer, and {@code executed_tools} fragments fold into one report per tool with its sources.
 */
class CompoundStreamTest {
  private static final List<Result> FOUND = List.of(
      new Result("Tokyo weather today", "https://weather.example/tokyo"),
      new Result("JMA forecast", "https://www.jma.example/en/forecast"));

  private final FakeGroq groq = FakeGroq.start();
  private final GroqChatModel model = new GroqChatModel(GroqConfig.defaults("gsk_test").withBaseUrl(groq.baseUrl()));
  private final RecordingListener listener = new RecordingListener();

  @AfterEach
  void tearDown() {
    model.close();
    groq.close();
  }

  @Test
  void aSearchedAnswerKeepsItsThinkingApartAndReportsTheSearchWithItsSources() throws Exception {
    groq.enqueue(CompoundAnswers.searchedAnswer("I should search the weather.", "Tokyo weather", FOUND,
        "It is sunny in Tokyo."));

    model.stream(request(), listener);

    listener.assertReasoning("I should search the weather.");
    listener.assertReasoning("I have what I need.");
    listener.assertContent("It is sunny ");
    listener.assertContent("in Tokyo.");
    ChatCompletion completion = listener.awaitComplete();
    assertThat(completion.content()).isEqualTo("It is sunny in Tokyo.");
    assertThat(completion.reasoning()).isEqualTo("I should search the weather.I have what I need.");
    assertThat(completion.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(completion.model()).isEqualTo("groq/compound");
    assertThat(completion.usage().totalTokens()).isEqualTo(1290);
    assertThat(completion.executedTools()).singleElement().satisfies(tool -> {
      assertThat(tool.index()).isZero();
      assertThat(tool.type()).isEqualTo("search");
      assertThat(tool.arguments()).isEqualTo("{\"query\":\"Tokyo weather\"}");
      assertThat(tool.output()).contains("URL: https://weather.example/tokyo");
    });
    assertThat(completion.sources()).containsExactly(
        new WebSource("Tokyo weather today", "https://weather.example/tokyo"),
        new WebSource("JMA forecast", "https://www.jma.example/en/forecast"));
    listener.assertExhausted();
  }

  @Test
  void aFailedToolRunEndsInAnErrorWhosePartialKeepsTheTextAndTheSourcesFoundSoFar() throws Exception {
    groq.enqueue(CompoundAnswers.failsAfter("According to the forecast", FOUND));

    model.stream(request(), listener);

    listener.assertReasoning("Let me look this up.");
    listener.assertContent("According to");
    listener.assertContent(" the forecas");
    listener.assertContent("t");
    RecordingListener.Error error = listener.awaitError();
    assertThat(error.error()).isInstanceOf(LlmErrors.ToolUseFailed.class);
    assertThat(error.partial().content()).isEqualTo("According to the forecast");
    assertThat(error.partial().sources()).extracting(WebSource::url)
        .containsExactly("https://weather.example/tokyo", "https://www.jma.example/en/forecast");
    assertThat(error.partial().executedTools()).extracting(ExecutedTool::type).containsExactly("search", "python");
    assertThat(error.partial().executedTools().get(1).output()).isEmpty();
    listener.assertExhausted();
  }

  @Test
  void aSearchReportOfHundredsOfKilobytesIsAcceptedWhileSuchATextChunkIsNot() throws Exception {
    List<Result> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) many.add(new Result("Page " + i + " " + "x".repeat(2_000), "https://site.example/" + i));
    List<String> events = new ArrayList<>(CompoundAnswers.searchedAnswerEvents("Think.", "q", many, "Done."));
    assertThat(events.stream().mapToInt(String::length).max().orElseThrow()).isGreaterThan(100_000);
    groq.enqueue(FakeGroq.sse(events, Duration.ZERO));

    model.stream(request(), listener);

    listener.assertReasoning("Think.");
    listener.assertReasoning("I have what I need.");
    listener.assertContent("Done.");
    assertThat(listener.awaitComplete().sources()).hasSize(40);

    RecordingListener second = new RecordingListener();
    List<String> flood = new ArrayList<>(FakeGroq.answerEvents("Start. ", 16));
    flood.add(flood.size() - 1, FakeGroq.answerEvents("y".repeat(100_000), Integer.MAX_VALUE).get(1));
    groq.enqueue(FakeGroq.sse(flood, Duration.ZERO));
    model.stream(request(), second);
    second.assertContent("Start. ");
    assertThat(second.awaitError().error()).isInstanceOf(LlmErrors.MalformedStream.class);
  }

  @Test
  void fragmentsFoldByIndexAndLaterEmptyResultsNeverEraseFoundOnes() {
    CompletionAssembler assembler = new CompletionAssembler(new ObjectMapper().getFactory());
    assembler.accept(chunk("""
        {"executed_tools":[{"index":0,"type":"search","arguments":"{\\"query\\":\\"a\\"}","search_results":{"results":[]}},
                           {"index":1,"type":"visit","arguments":"{\\"url\\":\\"https://b.example\\"}"}]}"""));
    assembler.accept(chunk("""
        {"executed_tools":[{"index":0,"type":"search","arguments":"{\\"query\\":\\"a\\"}","output":"found",
          "search_results":{"results":[{"title":"A","url":"https://a.example/1","content":"…","score":0.8}]}}]}"""));
    assembler.accept(chunk("""
        {"executed_tools":[{"index":0,"type":"search","search_results":{"results":[]}},
                           {"index":1,"output":"page text","browser_results":[{"title":"B","url":"https://b.example","live_view_url":"https://live.example"}]}]}"""));
    assembler.accept(chunk("{\"content\":\"ok\"}"));

    List<ExecutedTool> tools = assembler.partial(null).executedTools();

    assertThat(tools).hasSize(2);
    assertThat(tools.get(0)).isEqualTo(new ExecutedTool(0, "search", "{\"query\":\"a\"}", "found",
        List.of(new WebSource("A", "https://a.example/1"))));
    assertThat(tools.get(1)).isEqualTo(new ExecutedTool(1, "visit", "{\"url\":\"https://b.example\"}", "page text",
        List.of(new WebSource("B", "https://b.example"))));
  }

  @Test
  void malformedToolReportsAreSkippedWithoutFailingTheAnswer() {
    CompletionAssembler assembler = new CompletionAssembler(new ObjectMapper().getFactory());
    assembler.accept(chunk("{\"executed_tools\":\"not a list\"}"));
    assembler.accept(chunk("{\"executed_tools\":[42,null,{\"index\":3,\"type\":\"search\","
        + "\"search_results\":{\"results\":[{\"title\":\"no url\"},{\"url\":7},{\"url\":\"  \"},"
        + "{\"title\":null,\"url\":\"https://kept.example\"},\"junk\"]}}]}"));
    assembler.accept(chunk("{\"content\":\"fine\"}"));

    ChatCompletion completion = assembler.partial(null);

    assertThat(completion.content()).isEqualTo("fine");
    assertThat(completion.sources()).containsExactly(new WebSource("", "https://kept.example"));
  }

  @Test
  void aServerReportingEndlessToolsIsCutAtTheBound() {
    CompletionAssembler assembler = new CompletionAssembler(new ObjectMapper().getFactory());
    for (int i = 0; i < ExecutedToolsAssembler.MAX_TOOLS + 10; i++) {
      assembler.accept(chunk("{\"executed_tools\":[{\"index\":" + i + ",\"type\":\"search\",\"arguments\":\"{}\"}]}"));
    }

    assertThat(assembler.partial(null).executedTools()).hasSize(ExecutedToolsAssembler.MAX_TOOLS);
  }

  private static String chunk(String delta) {
    return GroqStreamTest.chunk(delta.replace("\n", " "), null);
  }

  private static ChatRequest request() {
    return ChatRequest.builder("groq/compound").messages(List.of(ChatMessage.user("Weather in Tokyo?"))).build();
  }
}
