package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.Submission;
import dev.parley.core.internal.history.HistoryStore;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Store failures at the two moments a turn ends: saving its history, and giving up its place in line. */
class EngineFaultsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
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

  private Submission submit(String text, RecordingReplySink sink) {
    return engine.submit(new IncomingMessage(UUID.randomUUID().toString(), key, "U1", "Ada", text, null, Instant.now()), () -> sink);
  }

  @Test
  void theAnswerIsSavedBeforeItShowsAsComplete() throws Exception {
    RecordingReplySink sink = new RecordingReplySink();
    SaveWatchingHistory history = new SaveWatchingHistory(sink);
    engine = TestEngines.inMemoryBuilder(groq.baseUrl()).history(history).build();
    groq.enqueueAnswer("All done.");

    assertThat(submit("finish it", sink).done().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Submission.Outcome.ANSWERED);

    assertThat(sink.finalText()).isEqualTo("All done.");
    assertThat(sink.notice()).isNull();
    assertThat(history.replyEndedBeforeSave).as("the reply ended before its history was saved").isFalse();
    assertThat(history.load(key)).extracting(Turn::content).containsExactly("finish it", "All done.");
  }

  @Test
  void anAnswerThatCannotBeSavedSaysSoAndKeepsItsText() throws Exception {
    RecordingReplySink sink = new RecordingReplySink();
    SaveWatchingHistory history = new SaveWatchingHistory(sink);
    history.failing.set(true);
    engine = TestEngines.inMemoryBuilder(groq.baseUrl()).history(history).build();
    groq.enqueueAnswer("An answer nobody will remember.");

    Submission.Outcome outcome = submit("remember this", sink).done().get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(sink.finalText()).isEqualTo("An answer nobody will remember.");
    assertThat(sink.notice()).isEqualTo(Notices.NOT_SAVED);
    assertThat(sink.calls()).noneMatch(call -> call.startsWith("finish:"));
    assertThat(outcome).isEqualTo(Submission.Outcome.FAILED);
  }

  @Test
  void aFailedReleaseOfThePlaceInLineStillEndsTheTurnAndShutdownDoesNotWaitItsGrace() throws Exception {
    engine = TestEngines.inMemoryBuilder(groq.baseUrl()).sequencer(new UnreleasableSequencer()).build();
    RecordingReplySink sink = new RecordingReplySink();

    Submission submission = submit("hello", sink);

    assertThat(submission.done().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Submission.Outcome.ANSWERED);
    assertThat(sink.finalText()).isEqualTo("echo: hello");
    await().atMost(WAIT).until(() -> engine.inFlight() == 0);
    // A grace far longer than the wait below: returning in time means nothing was left waiting.
    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> engine.shutdown(Duration.ofHours(1)));
    shutdown.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** History that notes whether the reply had already ended when it was saved, and can fail like a lost Redis. */
  private static final class SaveWatchingHistory implements HistoryStore {
    private final InMemoryHistoryStore delegate = new InMemoryHistoryStore();
    private final RecordingReplySink sink;
    final AtomicBoolean failing = new AtomicBoolean();
    volatile boolean replyEndedBeforeSave;

    SaveWatchingHistory(RecordingReplySink sink) {
      this.sink = sink;
    }

    @Override
    public List<Turn> load(ConversationKey key) {
      return delegate.load(key);
    }

    @Override
    public void append(ConversationKey key, List<Turn> turns) {
      watch();
      delegate.append(key, turns);
    }

    @Override
    public long generation(ConversationKey key) {
      return delegate.generation(key);
    }

    @Override
    public boolean append(ConversationKey key, long generation, List<Turn> turns) {
      watch();
      return delegate.append(key, generation, turns);
    }

    private void watch() {
      if (sink.ended()) replyEndedBeforeSave = true;
      if (failing.get()) throw new IllegalStateException("Unexpected end of stream (Redis went away)");
    }

    @Override
    public long clear(ConversationKey key) {
      return delegate.clear(key);
    }

    @Override
    public boolean removeAnswerTo(ConversationKey key, Turn question) {
      return delegate.removeAnswerTo(key, question);
    }
  }

  /** A sequencer whose release fails, as when Redis goes away just as the turn ends. */
  private static final class UnreleasableSequencer implements TurnSequencer {
    private final InMemoryTurnSequencer delegate = new InMemoryTurnSequencer();

    @Override
    public Ticket enqueue(ConversationKey key) {
      Ticket ticket = delegate.enqueue(key);
      return new Ticket() {
        @Override
        public void awaitTurn(Duration maxWait) throws InterruptedException, TimeoutException {
          ticket.awaitTurn(maxWait);
        }

        @Override
        public boolean stillHeld() {
          return ticket.stillHeld();
        }

        @Override
        public void close() {
          throw new IllegalStateException("Unexpected end of stream (Redis went away)");
        }
      };
    }
  }
}
