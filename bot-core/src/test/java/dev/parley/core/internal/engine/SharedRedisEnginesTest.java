package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.Submission;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.internal.redis.RedisHistoryStore;
import dev.parley.core.internal.redis.TestRedis;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two engines sharing one Redis behave like two bot instances: one answer per event, turns in order. */
class SharedRedisEnginesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private TestRedis redis;
  private FakeGroq groq;
  private ConversationEngine first;
  private ConversationEngine second;

  @BeforeEach
  void start() {
    redis = new TestRedis();
    groq = FakeGroq.start();
    first = TestEngines.redis(groq.baseUrl(), redis.client(), redis.prefix());
    second = TestEngines.redis(groq.baseUrl(), redis.client(), redis.prefix());
  }

  @AfterEach
  void stop() {
    first.close();
    second.close();
    groq.close();
    redis.close();
  }

  private static IncomingMessage message(String eventId, ConversationKey key, String text) {
    return new IncomingMessage(eventId, key, "U1", "Ada", text, null, Instant.now());
  }

  private static ConversationKey conversation() {
    return new ConversationKey("slack", "T1", "C1", UUID.randomUUID().toString());
  }

  @Test
  void theSameEventOnTwoInstancesIsAnsweredOnce() throws Exception {
    ConversationKey key = conversation();
    RecordingReplySink a = new RecordingReplySink();
    RecordingReplySink b = new RecordingReplySink();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService both = Executors.newVirtualThreadPerTaskExecutor();
    Future<Submission> onFirst = both.submit(() -> { go.await(); return first.submit(message("Ev1", key, "hello"), () -> a); });
    Future<Submission> onSecond = both.submit(() -> { go.await(); return second.submit(message("Ev1", key, "hello"), () -> b); });
    go.countDown();

    List<Submission.Status> statuses = List.of(onFirst.get().status(), onSecond.get().status());
    assertThat(statuses).containsExactlyInAnyOrder(Submission.Status.ACCEPTED, Submission.Status.DUPLICATE);
    Submission accepted = onFirst.get().status() == Submission.Status.ACCEPTED ? onFirst.get() : onSecond.get();
    assertThat(accepted.done().get()).isEqualTo(Submission.Outcome.ANSWERED);
    assertThat(groq.completionCalls()).isEqualTo(1);
    assertThat(a.calls().isEmpty() ^ b.calls().isEmpty()).as("exactly one sink was used").isTrue();
    both.shutdown();
  }

  @Test
  void twoMessagesOnTwoInstancesAreAnsweredInOrderWithTheFirstAnswerInTheSecondPrompt() throws Exception {
    ConversationKey key = conversation();
    groq.enqueueAnswer("The first answer, streamed slowly.", 4, Duration.ofMillis(30));
    RecordingReplySink one = new RecordingReplySink();
    RecordingReplySink two = new RecordingReplySink();

    Submission s1 = first.submit(message("E1", key, "question one"), () -> one);
    Submission s2 = second.submit(message("E2", key, "question two"), () -> two);

    assertThat(s1.done().get()).isEqualTo(Submission.Outcome.ANSWERED);
    assertThat(s2.done().get()).isEqualTo(Submission.Outcome.ANSWERED);
    JsonNode request1 = groq.takeRequest(WAIT);
    JsonNode request2 = groq.takeRequest(WAIT);
    assertThat(lastUser(request1)).isEqualTo("question one");
    assertThat(lastUser(request2)).isEqualTo("question two");
    assertThat(request2.get("messages").toString())
        .contains("question one").contains("The first answer, streamed slowly.");
    assertThat(two.finalText()).isEqualTo("echo: question two");
  }

  @Test
  void stopOnTheOtherInstanceEndsTheAnswer() throws Exception {
    ConversationKey key = conversation();
    String full = "word ".repeat(300);
    groq.enqueueAnswer(full, 5, Duration.ofMillis(20));
    RecordingReplySink sink = new RecordingReplySink();
    Submission streaming = first.submit(message("S1", key, "talk"), () -> sink);
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> sink.updates() >= 2);

    org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
      second.stop(key);
      assertThat(streaming.done()).isDone();
    });

    assertThat(streaming.done().get()).isEqualTo(Submission.Outcome.CANCELLED);
    assertThat(full).startsWith(sink.finalText());
    assertThat(sink.finalText().length()).isLessThan(full.length());
  }

  @Test
  void aResetOnOneInstanceStopsTheAnswerStreamingOnTheOtherAndLeavesNothingOfIt() throws Exception {
    ConversationKey key = conversation();
    String answer = "The first answer, held until it is stopped.";
    java.util.concurrent.CompletableFuture<Submission> streaming = new java.util.concurrent.CompletableFuture<>();
    // The role chunk and the first words go at once; the rest is held until the answer ended.
    groq.enqueueHeldAnswer(answer, 6, event -> {
      if (event >= 2) {
        try {
          streaming.get().done().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          // Not stopped in time: let the answer finish, and the assertions below say so.
        }
      }
      return true;
    });
    RecordingReplySink streamingSink = new RecordingReplySink();
    streaming.complete(first.submit(message("R1", key, "question one"), () -> streamingSink));
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> streamingSink.updates() >= 1);

    second.reset(key);

    assertThat(streaming.get().done().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Submission.Outcome.CANCELLED);
    assertThat(streamingSink.notice()).isEqualTo("Stopped.");
    assertThat(answer).startsWith(streamingSink.finalText());
    RecordingReplySink nextSink = new RecordingReplySink();
    second.submit(message("R2", key, "question two"), () -> nextSink).done().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    groq.takeRequest(WAIT);
    assertThat(groq.takeRequest(WAIT).get("messages").toString())
        .contains("question two").doesNotContain("question one").doesNotContain("The first");
    assertThat(new RedisHistoryStore(redis.client(), redis.prefix()).load(key)).extracting(Turn::content)
        .containsExactly("question two", "echo: question two");
  }

  @Test
  void twoHundredConversationsRunConcurrentlyWithoutMixing() throws Exception {
    int count = 200;
    List<ConversationKey> keys = new ArrayList<>();
    List<RecordingReplySink> sinks = new ArrayList<>();
    List<Submission> submissions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ConversationKey key = conversation();
      RecordingReplySink sink = new RecordingReplySink();
      keys.add(key);
      sinks.add(sink);
      ConversationEngine engine = i % 2 == 0 ? first : second;
      submissions.add(engine.submit(message("E-" + i + "-" + key.thread(), key, "question " + i), () -> sink));
    }
    for (int i = 0; i < count; i++) {
      assertThat(submissions.get(i).done().get()).isEqualTo(Submission.Outcome.ANSWERED);
      assertThat(sinks.get(i).finalText()).isEqualTo("echo: question " + i);
      for (String call : sinks.get(i).calls()) {
        if (call.startsWith("update:")) assertThat("echo: question " + i).startsWith(call.substring(7));
      }
    }
    var history = new dev.parley.core.internal.redis.RedisHistoryStore(redis.client(), redis.prefix());
    for (int i = 0; i < count; i++) {
      assertThat(history.load(keys.get(i))).extracting(t -> t.content())
          .containsExactly("question " + i, "echo: question " + i);
    }
  }

  private static String lastUser(JsonNode request) {
    JsonNode messages = request.get("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).get("role").asText().equals("user")) return messages.get(i).get("content").asText();
    }
    return null;
  }
}
