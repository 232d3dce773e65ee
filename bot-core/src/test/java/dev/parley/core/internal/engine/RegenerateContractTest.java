package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.RegenerateRequest;
import dev.parley.core.api.Submission;
import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.internal.access.AccessPolicy;
import dev.parley.core.internal.history.HistoryStore;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.internal.observe.EngineObserver;
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
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regenerate, on each history store: the question comes from the stored history, so an engine
 * that never saw it (a restart, another instance) answers it again, and it is stored once.
 */
abstract class RegenerateContractTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String ADMIN = "A1";
  static final AccessControl ACCESS = new AccessControl(
      new AccessPolicy(Map.of(), Set.of("test:" + ADMIN), key -> TestEngines.settings(false)), EngineObserver.NONE);

  final ConversationKey key = new ConversationKey("test", "T1", "C1", UUID.randomUUID().toString());
  FakeGroq groq;
  private final List<ConversationEngine> engines = new ArrayList<>();

  /** A new engine on the store every engine of this test shares, as a restarted or second instance. */
  abstract ConversationEngineBuilder engineOnSharedStore(String groqBaseUrl);

  /** The store the engines share. */
  abstract HistoryStore history();

  @BeforeEach
  void startGroq() {
    groq = FakeGroq.start();
  }

  @AfterEach
  void stopAll() {
    engines.forEach(ConversationEngine::close);
    groq.close();
    closeStore();
  }

  /** Called last, once every engine is closed. */
  void closeStore() {}

  ConversationEngine engine() {
    ConversationEngine engine = engineOnSharedStore(groq.baseUrl()).access(ACCESS).build();
    engines.add(engine);
    return engine;
  }

  private Submission ask(ConversationEngine engine, String text, RecordingReplySink sink) {
    return engine.submit(new IncomingMessage(UUID.randomUUID().toString(), key, "U1", "Ada", text, null,
        Instant.now()), () -> sink);
  }

  private static RegenerateRequest click(ConversationKey key, String userId) {
    return new RegenerateRequest(UUID.randomUUID().toString(), key, userId, Instant.now());
  }

  @Test
  void anotherEngineAnswersTheLastQuestionAgainInPlaceOfItsAnswerAndStoresTheQuestionOnce() throws Exception {
    ConversationEngine first = engine();
    ask(first, "my name is Ana", new RecordingReplySink()).done().get();
    groq.enqueueAnswer("a poor answer");
    ask(first, "what is DNS?", new RecordingReplySink()).done().get();
    first.close();
    groq.drainRequests();

    RecordingReplySink sink = new RecordingReplySink();
    Submission regenerated = engine().regenerate(click(key, "U1"), () -> sink);

    assertThat(regenerated.status()).isEqualTo(Submission.Status.ACCEPTED);
    assertThat(regenerated.done().get()).isEqualTo(Submission.Outcome.ANSWERED);
    assertThat(sink.finalText()).isEqualTo("echo: what is DNS?");
    JsonNode request = groq.takeRequest(WAIT);
    List<String> asked = new ArrayList<>();
    request.path("messages").forEach(m -> {
      if (m.path("role").asText().equals("user")) asked.add(m.path("content").asText());
    });
    assertThat(asked).containsExactly("my name is Ana", "what is DNS?");
    assertThat(request.path("messages").toString()).doesNotContain("a poor answer");
    assertThat(history().load(key)).extracting(Turn::content)
        .containsExactly("my name is Ana", "echo: my name is Ana", "what is DNS?", "echo: what is DNS?");
  }

  @Test
  void onlyTheAskerOrAnAdminMayRegenerateAndARefusalShowsNothing() throws Exception {
    ask(engine(), "what is DNS?", new RecordingReplySink()).done().get();
    RecordingReplySink strangers = new RecordingReplySink();

    Submission refused = engine().regenerate(click(key, "U2"), () -> strangers);

    assertThat(refused.status()).isEqualTo(Submission.Status.NOT_ALLOWED);
    assertThat(refused.done().get()).isEqualTo(Submission.Outcome.REJECTED);
    assertThat(strangers.calls()).isEmpty();
    RecordingReplySink admins = new RecordingReplySink();
    assertThat(engine().regenerate(click(key, ADMIN), () -> admins).done().get()).isEqualTo(Submission.Outcome.ANSWERED);
    assertThat(groq.completionCalls()).isEqualTo(2);
    assertThat(history().load(key)).hasSize(2);
  }

  @Test
  void afterAResetThereIsNothingToRegenerateAndTheNoticeSaysSo() throws Exception {
    ConversationEngine engine = engine();
    ask(engine, "what is DNS?", new RecordingReplySink()).done().get();
    engine.reset(key);
    RecordingReplySink sink = new RecordingReplySink();

    Submission submission = engine.regenerate(click(key, "U1"), () -> sink);

    assertThat(submission.status()).isEqualTo(Submission.Status.REJECTED);
    assertThat(sink.awaitEnd(WAIT)).isTrue();
    assertThat(sink.notice()).isEqualTo(Notices.NOTHING_TO_REGENERATE);
    assertThat(groq.completionCalls()).isEqualTo(1);
    assertThat(history().load(key)).isEmpty();
  }

  @Test
  void aRegenerateClickedWhileANewerAnswerStreamsRefusesOnceItsTurnComesAndChangesNothing() throws Exception {
    ConversationEngine engine = engine();
    ask(engine, "first", new RecordingReplySink()).done().get();
    groq.enqueueAnswer("word ".repeat(60).strip(), 5, Duration.ofMillis(20));
    RecordingReplySink streaming = new RecordingReplySink();
    Submission newer = ask(engine, "second", streaming);
    await().atMost(WAIT).until(() -> streaming.updates() >= 1);
    RecordingReplySink sink = new RecordingReplySink();

    Submission regenerate = engine.regenerate(click(key, "U1"), () -> sink);

    assertThat(regenerate.status()).isEqualTo(Submission.Status.ACCEPTED);
    assertThat(regenerate.done().get()).isEqualTo(Submission.Outcome.FAILED);
    assertThat(newer.done().get()).as("the streaming answer was not stopped").isEqualTo(Submission.Outcome.ANSWERED);
    assertThat(sink.notice()).isEqualTo(Notices.MOVED_ON);
    assertThat(groq.completionCalls()).isEqualTo(2);
    assertThat(history().load(key)).extracting(Turn::content)
        .containsExactly("first", "echo: first", "second", "word ".repeat(60).strip());
  }

  @Test
  void aRegenerateThatFailsBeforeAnyTextKeepsTheOldAnswer() throws Exception {
    ConversationEngine engine = engine();
    ask(engine, "what is DNS?", new RecordingReplySink()).done().get();
    groq.expectError("refused_for_this_test");
    groq.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"refused\",\"type\":\"invalid_request_error\","
            + "\"code\":\"refused_for_this_test\"}}").build());
    RecordingReplySink sink = new RecordingReplySink();

    Submission regenerate = engine.regenerate(click(key, "U1"), () -> sink);

    assertThat(regenerate.done().get()).isEqualTo(Submission.Outcome.FAILED);
    assertThat(sink.notice()).isNotBlank();
    // The old answer is replaced only by a new one written in its place.
    assertThat(history().load(key)).extracting(Turn::content).containsExactly("what is DNS?", "echo: what is DNS?");
  }

  @Test
  void aRedeliveredClickIsAnsweredOnce() throws Exception {
    ConversationEngine engine = engine();
    ask(engine, "what is DNS?", new RecordingReplySink()).done().get();
    RegenerateRequest click = click(key, "U1");

    Submission once = engine.regenerate(click, RecordingReplySink::new);
    Submission again = engine().regenerate(click, RecordingReplySink::new);

    assertThat(once.done().get()).isEqualTo(Submission.Outcome.ANSWERED);
    assertThat(again.status()).isEqualTo(Submission.Status.DUPLICATE);
    assertThat(groq.completionCalls()).isEqualTo(2);
  }
}
