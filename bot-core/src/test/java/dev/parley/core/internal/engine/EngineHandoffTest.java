package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.HandoffSettings;
import dev.parley.core.api.HumanHandoff;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.RequestLimit;
import dev.parley.core.api.Submission;
import dev.parley.core.api.ThreadPoster;
import dev.parley.core.internal.handoff.EscalateToHumanTool;
import dev.parley.core.internal.handoff.HandoffDesk;
import dev.parley.core.internal.redis.RedisHandoffStore;
import dev.parley.core.internal.redis.RedisHistoryStore;
import dev.parley.core.internal.redis.RedisRequestLimiter;
import dev.parley.core.internal.redis.RedisTicketStore;
import dev.parley.core.internal.redis.TestRedis;
import dev.parley.core.internal.tickets.CreateTicketTool;
import dev.parley.core.internal.tickets.TicketIds;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Handoff through the real engine and the real Groq client, on two engines sharing one Redis like
 * two bot instances: the model's {@code escalate_to_human}, the quiet that follows on every
 * instance, and {@code resume}.
 */
class EngineHandoffTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SUPPORT = "C0SUPPORT";
  private final List<String> posts = new CopyOnWriteArrayList<>();
  private final ThreadPoster poster = (conversation, text, group) -> posts.add(group + "|" + text);
  private TestRedis redis;
  private FakeGroq groq;
  private ConversationEngine first;
  private ConversationEngine second;

  @BeforeEach
  void start() {
    redis = new TestRedis();
    groq = FakeGroq.start();
    first = engine();
    second = engine();
  }

  @AfterEach
  void stop() {
    first.close();
    second.close();
    groq.close();
    redis.close();
  }

  /** Handoff is configured in {@link #SUPPORT} alone. */
  private static ChannelSettings settings(ConversationKey key) {
    ChannelSettings base = TestEngines.settings(true);
    return key.channel().equals(SUPPORT) ? base.withHandoff(new HandoffSettings("S0123", Duration.ofHours(4))) : base;
  }

  private ConversationEngine engine() {
    return engine(new RequestLimits(RequestLimit.UNLIMITED, RequestLimit.UNLIMITED));
  }

  private ConversationEngine engine(RequestLimits limits) {
    var tickets = new RedisTicketStore(redis.client(), redis.prefix(), TicketIds.DEFAULT);
    var desk = new HandoffDesk(new RedisHandoffStore(redis.client(), redis.prefix()), tickets,
        new RedisHistoryStore(redis.client(), redis.prefix()), EngineHandoffTest::settings, poster, Clock.systemUTC());
    return TestEngines.redisBuilder(groq.baseUrl(), redis.client(), redis.prefix())
        .channelSettings(EngineHandoffTest::settings)
        .limiter(new RedisRequestLimiter(redis.client(), redis.prefix(), key -> limits))
        .tools(new ToolRegistry(List.of(new CreateTicketTool(tickets), new EscalateToHumanTool(desk))))
        .tickets(tickets)
        .handoff(desk)
        .build();
  }

  private static ConversationKey thread(String channel) {
    return new ConversationKey("slack", "T1", channel, UUID.randomUUID().toString());
  }

  private static IncomingMessage message(ConversationKey key, String text) {
    return new IncomingMessage(UUID.randomUUID().toString(), key, "U1", "Ada", text, null, Instant.now());
  }

  private static RecordingReplySink answer(ConversationEngine engine, ConversationKey key, String text)
      throws InterruptedException {
    RecordingReplySink sink = new RecordingReplySink();
    Submission submission = engine.submit(message(key, text), () -> sink);
    assertThat(submission.status()).isEqualTo(Submission.Status.ACCEPTED);
    assertThat(sink.awaitEnd(WAIT)).as("the reply ends").isTrue();
    return sink;
  }

  @Test
  void theModelHandsOffAndEveryInstanceStaysQuietUntilResume() throws Exception {
    ConversationKey key = thread(SUPPORT);
    groq.enqueueToolCall("call_1", EscalateToHumanTool.NAME, "{\"reason\":\"refund over the limit\"}");
    groq.enqueueAnswer("A person from support will take it from here.");

    RecordingReplySink handedOff = answer(first, key, "I want my money back");

    assertThat(handedOff.finalText()).isEqualTo("A person from support will take it from here.");
    JsonNode offered = groq.takeRequest(WAIT);
    assertThat(offered.path("tools").findValuesAsText("name")).contains(EscalateToHumanTool.NAME);
    assertThat(posts).singleElement().asString().startsWith("S0123|I could not resolve this and asked for a person: "
        + "refund over the limit. Ticket SUP-1");
    int callsBefore = groq.completionCalls();

    AtomicBoolean opened = new AtomicBoolean();
    Submission onSecond = second.submit(message(key, "hello? anyone?"), () -> {
      opened.set(true);
      return new RecordingReplySink();
    });
    Submission onFirst = first.submit(message(key, "still waiting"), () -> {
      opened.set(true);
      return new RecordingReplySink();
    });

    assertThat(List.of(onSecond.status(), onFirst.status())).containsOnly(Submission.Status.QUIET);
    assertThat(onSecond.done().get()).isEqualTo(Submission.Outcome.QUIET);
    assertThat(opened).as("no placeholder, no notice").isFalse();
    assertThat(groq.completionCalls()).isEqualTo(callsBefore);

    RecordingReplySink resumed = new RecordingReplySink();
    assertThat(second.submit(message(key, "Resume"), () -> resumed).status()).isEqualTo(Submission.Status.ACCEPTED);
    assertThat(resumed.awaitEnd(WAIT)).isTrue();
    assertThat(resumed.notice()).isEqualTo(Notices.RESUMED);

    groq.drainRequests();
    assertThat(answer(first, key, "thanks, one more question").finalText()).isEqualTo("echo: thanks, one more question");
    assertThat(groq.takeRequest(WAIT).path("messages").findValuesAsText("content"))
        .as("what people said meanwhile reaches the model after resume, marked as said to them")
        .anySatisfy(content -> assertThat(content).contains(Notices.SAID_WHILE_HANDED_OFF + "hello? anyone?"))
        .anySatisfy(content -> assertThat(content).contains(Notices.SAID_WHILE_HANDED_OFF + "still waiting"))
        .noneSatisfy(content -> assertThat(content).containsIgnoringCase("resume"));
  }

  @Test
  void talkInAHandedOffThreadUsesNoLimitAndALimitedMessageThereShowsNoNotice() throws Exception {
    ConversationKey key = thread(SUPPORT);
    RedisHandoffStore handoffs = new RedisHandoffStore(redis.client(), redis.prefix());
    try (ConversationEngine limited = engine(
        new RequestLimits(RequestLimit.UNLIMITED, new RequestLimit(2, Duration.ofHours(1))))) {
      answer(limited, key, "first question");
      handoffs.begin(key, Instant.now(), Duration.ofHours(1));
      for (int i = 0; i < 3; i++) assertQuiet(limited, key, "talking to people " + i);
      RecordingReplySink resumed = new RecordingReplySink();
      assertThat(limited.submit(message(key, "resume"), () -> resumed).status()).isEqualTo(Submission.Status.ACCEPTED);
      assertThat(resumed.awaitEnd(WAIT)).isTrue();

      assertThat(answer(limited, key, "second question").finalText())
          .as("the quiet talk and the resume gave their counts back").isEqualTo("echo: second question");

      handoffs.begin(key, Instant.now(), Duration.ofHours(1));
      assertQuiet(limited, key, "over the limit, to people");
    }
  }

  /** A message that is dropped in silence: no placeholder, no notice, not even a limit's. */
  private static void assertQuiet(ConversationEngine engine, ConversationKey key, String text) throws Exception {
    AtomicBoolean opened = new AtomicBoolean();
    Submission submission = engine.submit(message(key, text), () -> {
      opened.set(true);
      return new RecordingReplySink();
    });
    assertThat(submission.status()).isEqualTo(Submission.Status.QUIET);
    assertThat(submission.done().get()).isEqualTo(Submission.Outcome.QUIET);
    assertThat(opened).as("nothing shown for " + text).isFalse();
  }

  @Test
  void escalationIsNotOfferedWhereNoGroupIsConfigured() throws Exception {
    answer(first, thread("C0GENERAL"), "I want a human");

    assertThat(groq.takeRequest(WAIT).path("tools").findValuesAsText("name"))
        .doesNotContain(EscalateToHumanTool.NAME);
  }

  @Test
  void theButtonHandsOffOnceHoweverOftenItIsPressedOnWhicheverInstance() throws Exception {
    ConversationKey key = thread(SUPPORT);
    answer(first, key, "my deploy is stuck");

    HumanHandoff.Result pressed = first.core().handoff().requestHuman(key, "U2", "Bob", "click-1");
    HumanHandoff.Result again = second.core().handoff().requestHuman(key, "U3", "Cy", "click-2");

    assertThat(pressed.status()).isEqualTo(HumanHandoff.Result.Status.HANDED_OFF);
    assertThat(again.status()).isEqualTo(HumanHandoff.Result.Status.ALREADY_HANDED_OFF);
    assertThat(again.notice()).contains("SUP-1");
    assertThat(posts).singleElement().asString().startsWith("S0123|Bob asked to talk to a person. Ticket SUP-1");
    assertThat(second.core().handoff().requestHuman(thread("C0GENERAL"), "U2", "Bob", "click-3"))
        .isEqualTo(HumanHandoff.Result.NOT_CONFIGURED);
  }

  @Test
  void resumeWhereNothingIsHandedOffIsAnOrdinaryQuestion() throws Exception {
    assertThat(answer(first, thread(SUPPORT), "resume").finalText()).isEqualTo("echo: resume");
  }
}
