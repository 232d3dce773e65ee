package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.RequestLimit;
import dev.parley.core.api.Submission;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.internal.observe.EngineObserver;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A flood of limited messages gets one notice per conversation and window, not one each. */
class LimitNoticeFloodTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private final InMemoryHistoryStore history = new InMemoryHistoryStore();
  private final List<String> suppressed = new ArrayList<>();
  private FakeGroq groq;
  private ConversationEngine engine;

  @BeforeEach
  void start() {
    groq = FakeGroq.start();
    ChannelSettings base = TestEngines.settings(false);
    ChannelSettings limited = new ChannelSettings(base.systemPrompt(), base.model(), List.of(), false,
        base.enabledTools(), new RequestLimit(1, Duration.ofMinutes(10)), base.conversationLimit(),
        base.replyCadence());
    engine = TestEngines.inMemoryBuilder(groq.baseUrl()).history(history)
        .channelSettings(k -> limited)
        .limiter(new InMemoryRequestLimiter(RequestLimits.from(k -> limited)))
        .observer(new EngineObserver() {
          @Override
          public synchronized void noticeSuppressed(String platform, String kind) {
            suppressed.add(platform + "/" + kind);
          }
        })
        .build();
  }

  @AfterEach
  void stop() {
    engine.close();
    groq.close();
  }

  @Test
  void tenLimitedMessagesInOneConversationGetOneNoticeAndTheRestAreCountedSilently() throws Exception {
    ConversationKey key = new ConversationKey("test", "T1", "C1", UUID.randomUUID().toString());
    submit(key, new RecordingReplySink()).done().get();
    AtomicInteger sinksOpened = new AtomicInteger();
    List<RecordingReplySink> sinks = new ArrayList<>();

    for (int i = 0; i < 10; i++) {
      RecordingReplySink sink = new RecordingReplySink();
      sinks.add(sink);
      Submission limited = engine.submit(message(key), () -> {
        sinksOpened.incrementAndGet();
        return sink;
      });
      assertThat(limited.status()).isEqualTo(Submission.Status.LIMITED);
      assertThat(limited.done().get()).isEqualTo(Submission.Outcome.LIMITED);
    }

    assertThat(sinksOpened).hasValue(1);
    assertThat(sinks.get(0).awaitEnd(WAIT)).isTrue();
    assertThat(sinks.get(0).notice()).startsWith("You have reached the request limit");
    assertThat(sinks.subList(1, 10)).allSatisfy(s -> assertThat(s.calls()).isEmpty());
    synchronized (this) {
      assertThat(suppressed).hasSize(9).containsOnly("test/limited");
    }
    assertThat(groq.completionCalls()).isEqualTo(1);
  }

  @Test
  void anotherPersonInAnotherConversationStillGetsTheirOwnNotice() throws Exception {
    ConversationKey first = new ConversationKey("test", "T1", "C1", UUID.randomUUID().toString());
    ConversationKey second = new ConversationKey("test", "T1", "C1", UUID.randomUUID().toString());
    submit(first, new RecordingReplySink()).done().get();
    engine.submit(message(second, "U2"), RecordingReplySink::new).done().get();
    RecordingReplySink firstNotice = new RecordingReplySink();
    RecordingReplySink secondNotice = new RecordingReplySink();

    submit(first, firstNotice);
    engine.submit(message(second, "U2"), () -> secondNotice);

    assertThat(firstNotice.awaitEnd(WAIT)).isTrue();
    assertThat(secondNotice.awaitEnd(WAIT)).isTrue();
    assertThat(secondNotice.notice()).startsWith("You have reached the request limit");
  }

  @Test
  void aPersonFloodingManyNewConversationsGetsOneNotice() throws Exception {
    submit(new ConversationKey("test", "T1", "C1", UUID.randomUUID().toString()), new RecordingReplySink()).done().get();
    AtomicInteger sinksOpened = new AtomicInteger();

    for (int i = 0; i < 5; i++) {
      RecordingReplySink sink = new RecordingReplySink();
      engine.submit(message(new ConversationKey("test", "T1", "C1", UUID.randomUUID().toString())), () -> {
        sinksOpened.incrementAndGet();
        return sink;
      });
    }

    assertThat(sinksOpened).hasValue(1);
  }

  private Submission submit(ConversationKey key, RecordingReplySink sink) {
    return engine.submit(message(key), () -> sink);
  }

  private static IncomingMessage message(ConversationKey key) {
    return message(key, "U1");
  }

  private static IncomingMessage message(ConversationKey key, String user) {
    return new IncomingMessage(UUID.randomUUID().toString(), key, user, "Ada", "hello", null, Instant.now());
  }
}
