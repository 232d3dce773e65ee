package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.RequestLimit;
import dev.parley.core.api.Submission;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the engine behaves when answers go wrong, are stopped, or must not start at all. */
class EngineBehaviourTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
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

  private ConversationEngine engine(UnaryOperator<ChannelSettings> adjust) {
    ChannelSettings settings = adjust.apply(TestEngines.settings(false));
    engine = TestEngines.inMemoryBuilder(groq.baseUrl()).history(history)
        .channelSettings(k -> settings)
        .limiter(new InMemoryRequestLimiter(RequestLimits.from(k -> settings)))
        .build();
    return engine;
  }

  private static ChannelSettings with(ChannelSettings s, List<String> fallbacks, RequestLimit userLimit) {
    return new ChannelSettings(s.systemPrompt(), s.model(), fallbacks, s.supportChannel(), s.enabledTools(),
        userLimit, s.conversationLimit(), s.replyCadence());
  }

  private Submission submit(String text, RecordingReplySink sink) {
    return engine.submit(new IncomingMessage(UUID.randomUUID().toString(), key, "U1", "Ada", text, null, Instant.now()), () -> sink);
  }

  @Test
  void aMessageQueuedBeforeAResetIsAnsweredButNotRememberedAndSaysSo() throws Exception {
    engine(s -> s);
    java.util.concurrent.CountDownLatch resetDone = new java.util.concurrent.CountDownLatch(1);
    groq.enqueueHeldAnswer("A long first answer.", 6,
        event -> event < 2 || resetDone.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
    RecordingReplySink streamingSink = new RecordingReplySink();
    RecordingReplySink queuedSink = new RecordingReplySink();
    Submission streaming = submit("first", streamingSink);
    await().atMost(WAIT).until(() -> streamingSink.updates() >= 1);
    Submission queued = submit("second, sent before the reset", queuedSink);

    engine.reset(key);
    resetDone.countDown();

    assertThat(streaming.done().get()).isEqualTo(Submission.Outcome.CANCELLED);
    assertThat(streamingSink.notice()).isEqualTo(Notices.STOPPED);
    assertThat(queued.done().get()).isEqualTo(Submission.Outcome.ANSWERED);
    assertThat(queuedSink.finalText()).isEqualTo("echo: second, sent before the reset");
    assertThat(queuedSink.notice()).isEqualTo(Notices.RESET_MEANWHILE);
    assertThat(history.load(key)).isEmpty();
    submit("after the reset", new RecordingReplySink()).done().get();
    assertThat(history.load(key)).extracting(Turn::content).containsExactly("after the reset", "echo: after the reset");
  }

  @Test
  void aResetsStopArrivingLateSparesTheAnswerToAMessageSentAfterTheReset() throws Exception {
    HeldStops stops = new HeldStops();
    engine = TestEngines.inMemoryBuilder(groq.baseUrl()).history(history).stops(stops).build();
    java.util.concurrent.CountDownLatch stopDelivered = new java.util.concurrent.CountDownLatch(1);
    groq.enqueueHeldAnswer("An answer to the new question.", 6,
        event -> event < 2 || stopDelivered.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
    engine.reset(key); // its stop is held, as if still on its way to this instance
    RecordingReplySink sink = new RecordingReplySink();
    Submission after = submit("a question after the reset", sink);
    await().atMost(WAIT).until(() -> sink.updates() >= 1);

    stops.deliverHeld();
    stopDelivered.countDown();

    assertThat(after.done().get()).isEqualTo(Submission.Outcome.ANSWERED);
    assertThat(sink.notice()).isNull();
    assertThat(history.load(key)).extracting(Turn::content)
        .containsExactly("a question after the reset", "An answer to the new question.");
  }

  @Test
  void aStopStillEndsAnAnswerToAMessageSentAfterAReset() throws Exception {
    engine(s -> s);
    groq.enqueueHeldAnswer("An answer that is stopped.", 6, event -> event < 2);
    engine.reset(key);
    RecordingReplySink sink = new RecordingReplySink();
    Submission after = submit("a question after the reset", sink);
    await().atMost(WAIT).until(() -> sink.updates() >= 1);

    engine.stop(key);

    assertThat(after.done().get()).isEqualTo(Submission.Outcome.CANCELLED);
    assertThat(sink.notice()).isEqualTo(Notices.STOPPED);
  }

  /** Stop requests kept back until the test delivers them, like pub/sub messages still on their way. */
  private static final class HeldStops implements StopBroadcast {
    private final List<StopBroadcast.Request> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile java.util.function.Consumer<StopBroadcast.Request> listener = request -> {};

    @Override
    public void publish(StopBroadcast.Request request) {
      held.add(request);
    }

    @Override
    public void subscribe(java.util.function.Consumer<StopBroadcast.Request> listener) {
      this.listener = listener;
    }

    void deliverHeld() {
      held.forEach(listener);
    }

    @Override
    public void close() {}
  }

  @Test
  void aStreamCutAfterSomeTextKeepsTheTextWithANoticeAndIsNeverRecordedAsComplete() throws Exception {
    engine(s -> s);
    groq.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
        .body(String.join("", FakeGroq.answerEvents("Hello world, this is", 5).subList(0, 4).stream()
            .map(e -> "data: " + e + "\n\n").toList()))
        .build());
    RecordingReplySink sink = new RecordingReplySink();

    Submission submission = submit("say hello", sink);

    assertThat(submission.done().get()).isEqualTo(Submission.Outcome.FAILED);
    assertThat(sink.finalText()).isEqualTo("Hello world, th");
    assertThat(sink.notice()).isEqualTo(Notices.CUT_OFF);
    List<Turn> turns = history.load(key);
    assertThat(turns).hasSize(2);
    assertThat(turns.get(1).interrupted()).isTrue();
    assertThat(turns.get(1).content()).isEqualTo("Hello world, th");

    RecordingReplySink next = new RecordingReplySink();
    submit("go on", next).done().get();
    groq.takeRequest(WAIT);
    assertThat(groq.takeRequest(WAIT).get("messages").toString()).contains("Hello world, th\\n[answer was cut off]");
  }

  @Test
  void stopEndsGenerationAndKeepsTheTextSoFar() throws Exception {
    engine(s -> s);
    String full = "word ".repeat(200);
    groq.enqueueAnswer(full, 5, Duration.ofMillis(20));
    RecordingReplySink sink = new RecordingReplySink();

    Submission submission = submit("talk a lot", sink);
    await().atMost(WAIT).until(() -> sink.updates() >= 2);
    engine.stop(key);

    assertThat(submission.done().get()).isEqualTo(Submission.Outcome.CANCELLED);
    assertThat(sink.notice()).isEqualTo(Notices.STOPPED);
    assertThat(full).startsWith(sink.finalText());
    assertThat(sink.finalText().length()).isLessThan(full.length());
    assertThat(history.load(key).get(1).interrupted()).isTrue();
  }

  @Test
  void aUserOverTheLimitGetsAClearNoticeAndNoModelCall() throws Exception {
    engine(s -> with(s, List.of(), new RequestLimit(1, Duration.ofMinutes(1))));
    submit("one", new RecordingReplySink()).done().get();
    RecordingReplySink sink = new RecordingReplySink();

    Submission second = submit("two", sink);

    assertThat(second.status()).isEqualTo(Submission.Status.LIMITED);
    assertThat(sink.awaitEnd(WAIT)).isTrue();
    assertThat(sink.notice()).startsWith("You have reached the request limit; try again in");
    assertThat(groq.completionCalls()).isEqualTo(1);
  }

  @Test
  void aMessageTooLongForTheModelsContextWindowGetsAClearError() throws Exception {
    groq.modelsBody("""
        {"object":"list","data":[{"id":"llama-3.3-70b-versatile","object":"model","active":true,"context_window":3000}]}""");
    engine(s -> s);
    RecordingReplySink sink = new RecordingReplySink();

    submit("x".repeat(15_000), sink).done().get();

    assertThat(sink.notice()).contains("too long for llama-3.3-70b-versatile").contains("shorten");
    assertThat(groq.completionCalls()).isZero();
    assertThat(history.load(key)).isEmpty();
  }

  @Test
  void oldHistoryIsTrimmedToTheContextWindowNewestKept() throws Exception {
    groq.modelsBody("""
        {"object":"list","data":[{"id":"llama-3.3-70b-versatile","object":"model","active":true,"context_window":4000}]}""");
    engine(s -> s);
    for (int i = 0; i < 12; i++) {
      history.append(key, List.of(Turn.user("old question " + i + " " + "y".repeat(1200), "U1", "Ada", Instant.now(), 100),
          Turn.assistant("old answer " + i, Instant.now(), 5)));
    }

    submit("newest", new RecordingReplySink()).done().get();

    JsonNode messages = groq.takeRequest(WAIT).get("messages");
    List<String> users = new java.util.ArrayList<>();
    messages.forEach(m -> { if (m.get("role").asText().equals("user")) users.add(m.get("content").asText().split(" y")[0]); });
    assertThat(users).last().isEqualTo("newest");
    assertThat(users).contains("old question 11").doesNotContain("old question 0").hasSizeLessThan(13);
    assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
  }

  @Test
  void aRateLimitedModelFallsBackToTheNextConfiguredModel() throws Exception {
    engine(s -> with(s, List.of("llama-3.1-8b-instant"), RequestLimit.UNLIMITED));
    groq.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "120")
        .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}").build());
    groq.enqueueAnswer("from the fallback");
    RecordingReplySink sink = new RecordingReplySink();

    submit("hi", sink).done().get();

    assertThat(sink.finalText()).isEqualTo("from the fallback");
    assertThat(groq.takeRequest(WAIT).get("model").asText()).isEqualTo("llama-3.3-70b-versatile");
    assertThat(groq.takeRequest(WAIT).get("model").asText()).isEqualTo("llama-3.1-8b-instant");
  }

  @Test
  void shutdownEndsUnfinishedAnswersWithARestartNoticeAndRefusesNewOnes() throws Exception {
    engine(s -> s);
    groq.enqueueAnswer("slow ".repeat(300), 5, Duration.ofMillis(20));
    RecordingReplySink slow = new RecordingReplySink();
    Submission running = submit("slow one", slow);
    await().atMost(WAIT).until(() -> slow.updates() >= 1);

    engine.shutdown(Duration.ofMillis(200));

    assertThat(running.done().get()).isEqualTo(Submission.Outcome.REJECTED);
    assertThat(slow.notice()).isEqualTo(Notices.RESTARTING);
    assertThat(slow.finalText()).isNotEmpty();
    RecordingReplySink late = new RecordingReplySink();
    assertThat(submit("too late", late).status()).isEqualTo(Submission.Status.REJECTED);
    assertThat(late.awaitEnd(WAIT)).isTrue();
    assertThat(late.notice()).isEqualTo(Notices.RESTARTING);
  }

  @Test
  void switchingToAnUnknownModelIsRefusedAndAKnownOneIsUsed() throws Exception {
    engine(s -> s);
    assertThat(engine.core().models().availableModels()).contains("llama-3.1-8b-instant", "openai/gpt-oss-120b");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.core().models().switchModel(key, "gpt-17"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown model 'gpt-17'");

    engine.core().models().switchModel(key, "llama-3.1-8b-instant");
    submit("hi", new RecordingReplySink()).done().get();

    JsonNode request = groq.takeRequest(WAIT);
    assertThat(request.get("model").asText()).isEqualTo("llama-3.1-8b-instant");
    assertThat(engine.core().models().currentModel(key)).isEqualTo("llama-3.1-8b-instant");
  }
}
