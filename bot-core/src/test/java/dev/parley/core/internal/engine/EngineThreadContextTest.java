package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.EarlierMessage;
import dev.parley.core.api.EarlierMessages;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.RegenerateRequest;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A question asked deep in a thread, through the whole engine and the real Groq client: the
 * request the fake Groq receives quotes the thread before the question, history keeps the quote
 * so the next question does not repeat it, and a thread that cannot be read costs only itself.
 */
class EngineThreadContextTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final ConversationKey key = new ConversationKey("test", "T1", "C1", UUID.randomUUID().toString());
  private final InMemoryHistoryStore history = new InMemoryHistoryStore();
  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3_600);
  private FakeGroq groq;
  private ConversationEngine engine;

  @BeforeEach
  void start() {
    groq = FakeGroq.start();
    engine = TestEngines.inMemoryBuilder(groq.baseUrl()).history(history).build();
  }

  @AfterEach
  void stop() {
    engine.close();
    groq.close();
  }

  private EarlierMessage said(String name, int minute, String text) {
    return new EarlierMessage("U-" + name, name, false, text, start.plusSeconds(minute * 60L));
  }

  private RecordingReplySink ask(String text, int minute, EarlierMessages earlier) throws Exception {
    RecordingReplySink sink = new RecordingReplySink();
    IncomingMessage message = new IncomingMessage(UUID.randomUUID().toString(), key, "U-Ada", "Ada", text, null,
        start.plusSeconds(minute * 60L)).withEarlierMessages(earlier);
    engine.submit(message, () -> sink).done().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return sink;
  }

  private JsonNode messagesOfLastRequest() throws InterruptedException {
    JsonNode request = groq.takeRequest(WAIT);
    assertThat(request).as("a request reached Groq").isNotNull();
    return request.get("messages");
  }

  @Test
  void theThreadIsQuotedBeforeTheQuestionAndStoredWithIt() throws Exception {
    RecordingReplySink sink = ask("what do you think?", 30,
        () -> List.of(said("Bo", 1, "the deploy failed at step 3"), said("Cy", 2, "<@U999> can you look?")));

    JsonNode messages = messagesOfLastRequest();
    assertThat(messages).hasSize(3);
    assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
    assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
    assertThat(messages.get(1).get("content").asText())
        .contains("Bo, ").contains("> the deploy failed at step 3").contains("Cy, ").contains("> <@U999> can you look?")
        .startsWith("Earlier messages in this thread");
    assertThat(messages.get(2).get("content").asText()).isEqualTo("what do you think?");
    assertThat(sink.notice()).isNull();
    assertThat(history.load(key)).extracting(Turn::content).hasSize(3).element(1).isEqualTo("what do you think?");
  }

  @Test
  void theNextQuestionQuotesOnlyWhatWasSaidSinceTheLastOne() throws Exception {
    EarlierMessage first = said("Bo", 1, "first words");
    ask("q1", 10, () -> List.of(first));
    messagesOfLastRequest();

    ask("q2", 20, () -> List.of(first, said("Cy", 15, "later words")));

    JsonNode messages = messagesOfLastRequest();
    String prompt = messages.toString();
    assertThat(prompt.split("first words", -1)).as("the first quote appears once, from history").hasSize(2);
    assertThat(messages.get(messages.size() - 2).get("content").asText()).contains("> later words")
        .doesNotContain("first words");
    assertThat(messages.get(messages.size() - 1).get("content").asText()).isEqualTo("q2");
  }

  @Test
  void aThreadThatCannotBeReadStillGetsAnAnswer() throws Exception {
    RecordingReplySink sink = ask("still there?", 5, () -> {
      throw new IllegalStateException("platform down");
    });

    JsonNode messages = messagesOfLastRequest();
    assertThat(messages).hasSize(2);
    assertThat(sink.finalText()).isEqualTo("echo: still there?");
  }

  @Test
  void aResetConversationIsNotReadAgain() throws Exception {
    ask("hello", 5, EarlierMessages.NONE);
    messagesOfLastRequest();
    engine.reset(key);
    AtomicInteger reads = new AtomicInteger();

    ask("again", 6, () -> {
      reads.incrementAndGet();
      return List.of(said("Bo", 1, "forgotten words"));
    });

    assertThat(messagesOfLastRequest().toString()).doesNotContain("forgotten words");
    assertThat(reads).hasValue(0);
  }

  @Test
  void aQuestionAskedAgainDoesNotReadTheThreadAgain() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    ask("first", 5, () -> {
      reads.incrementAndGet();
      return List.of(said("Bo", 1, "words"));
    });
    messagesOfLastRequest();

    RecordingReplySink sink = new RecordingReplySink();
    engine.regenerate(new RegenerateRequest(UUID.randomUUID().toString(), key, "U-Ada", Instant.now()), () -> sink)
        .done().get(WAIT.toSeconds(), TimeUnit.SECONDS);

    JsonNode messages = messagesOfLastRequest();
    assertThat(messages.get(1).get("content").asText()).contains("> words");
    assertThat(reads).hasValue(1);
  }
}
