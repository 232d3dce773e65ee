package dev.parley.slack.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.BotCore;
import dev.parley.core.api.InMemoryStreamCheckpoints;
import dev.parley.core.api.StreamCheckpoints;
import dev.parley.core.internal.engine.ConversationEngine;
import dev.parley.core.internal.engine.ConversationEngineBuilder;
import dev.parley.core.internal.engine.InMemoryFeedbackStore;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.TestEngines;
import dev.parley.slack.NativeStreamLimits;
import dev.parley.slack.SlackAdapter;
import dev.parley.slack.SlackBudgets;
import dev.parley.slack.SlackSettings;
import dev.parley.slack.SlackThreadReads;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs the real adapter (Bolt, Socket Mode over Tyrus) and the real engine (Groq client against
 * {@link FakeGroq}) against {@link FakeSlack}. Edit budgets are shortened so streams take fewer
 * seconds; everything else is as in production.
 */
abstract class SlackBotTestBase {
  static final String SUPPORT_CHANNEL = "C0SUPPORT";
  static final String USER = "U0ADA";
  static final Duration ACK_DEADLINE = Duration.ofSeconds(3);
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

  protected FakeSlack slack;
  protected FakeGroq groq;
  protected ConversationEngine engine;
  protected SlackAdapter adapter;
  protected final InMemoryFeedbackStore feedback = new InMemoryFeedbackStore();
  /** Where streamed answers record their progress; a test may share it between two bots. */
  protected StreamCheckpoints checkpoints = new InMemoryStreamCheckpoints();
  protected NativeStreamLimits streamLimits = NativeStreamLimits.SLACK;
  /** How much of a thread the bot may read; Tier 3 (an internal app's) unless a test says otherwise. */
  protected SlackThreadReads threadReads = SlackThreadReads.TIER_3;

  /** What the fake sent: the envelope, the message's ts and its event id. */
  record Sent(String envelopeId, String ts, String eventId) {}

  @BeforeEach
  void startFakes() {
    slack = FakeSlack.start();
    groq = FakeGroq.start();
  }

  /**
   * Stops the bot and both fakes, then fails the test if the bot received an error it did not
   * expect (a Slack {@code ok:false} or a Groq 4xx); a test that provokes one declares it with
   * {@code slack.expectError(...)} or {@code groq.expectError(...)}.
   */
  @AfterEach
  void stopEverything() {
    AssertionError failure = null;
    for (Runnable step : List.<Runnable>of(this::stopBot, slack::close, groq::close)) {
      try {
        step.run();
      } catch (AssertionError | RuntimeException e) {
        if (failure == null) failure = new AssertionError(e.getMessage(), e);
        else failure.addSuppressed(e);
      }
    }
    if (failure != null) throw failure;
  }

  protected void startBot() {
    startBot(socketSettings(), engineBuilder());
  }

  protected void startBot(SlackSettings settings, ConversationEngineBuilder builder) {
    engine = builder.build();
    adapter = new SlackAdapter(settings, core(engine),
        new SlackBudgets(Duration.ofMillis(250), Duration.ofMillis(200)), Clock.systemUTC(), streamLimits);
    adapter.start();
    if (settings.socketMode()) slack.socket().awaitConnected(Duration.ofSeconds(10));
  }

  /** What the adapter is given of the engine; a test may wrap a part of it to watch what reaches the core. */
  protected BotCore core(ConversationEngine engine) {
    return engine.core(checkpoints);
  }

  protected void stopBot() {
    if (adapter != null) adapter.close();
    if (engine != null) engine.close();
    adapter = null;
    engine = null;
  }

  protected SlackSettings socketSettings() {
    return SlackSettings.socketMode(FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, slack.apiUrl())
        .withFilesUrl(slack.filesUrl()).withThreadReads(threadReads);
  }

  /** The in-memory engine; {@link #SUPPORT_CHANNEL} is a support channel. */
  protected ConversationEngineBuilder engineBuilder() {
    return TestEngines.inMemoryBuilder(groq.baseUrl())
        .channelSettings(key -> TestEngines.settings(key.channel().equals(SUPPORT_CHANNEL)))
        .feedback(feedback);
  }

  protected Sent mention(String channel, String text, String threadTs) {
    String ts = slack.nextTs();
    return deliver(SlackEvents.mention(channel, USER, text, ts, threadTs), ts, 0);
  }

  protected Sent channelMessage(String channel, String text, String threadTs) {
    String ts = slack.nextTs();
    return deliver(SlackEvents.channelMessage(channel, USER, text, ts, threadTs), ts, 0);
  }

  protected Sent directMessage(String channel, String text, String threadTs) {
    String ts = slack.nextTs();
    return deliver(SlackEvents.directMessage(channel, USER, text, ts, threadTs), ts, 0);
  }

  protected Sent deliver(ObjectNode event, String ts, int retryAttempt) {
    slack.rememberUserMessage(event);
    ObjectNode callback = SlackEvents.callback(event);
    String envelope = slack.socket().sendEvent(callback, retryAttempt);
    return new Sent(envelope, ts, callback.path("event_id").asText());
  }

  /** Waits for the answer in a thread to be finished (feedback buttons shown) and returns it. */
  protected List<FakeSlackMessage> awaitAnswer(String channel, String threadTs) {
    await().atMost(ANSWER_TIMEOUT).until(() -> {
      List<FakeSlackMessage> messages = slack.botMessages(channel, threadTs);
      return !messages.isEmpty() && messages.get(messages.size() - 1).buttons().contains("parley_feedback_up");
    });
    return slack.botMessages(channel, threadTs);
  }

  protected String awaitAnswerText(String channel, String threadTs) {
    return awaitAnswer(channel, threadTs).stream().map(FakeSlackMessage::visibleText).collect(Collectors.joining("\n\n"));
  }

  /** The next chat-completions request the fake Groq received. */
  protected JsonNode nextGroqRequest() throws InterruptedException {
    JsonNode request = groq.takeRequest(ANSWER_TIMEOUT);
    if (request == null) throw new AssertionError("no request reached the fake Groq");
    return request;
  }

  /** The contents of a Groq request's messages, in order. */
  protected static List<String> contents(JsonNode request) {
    return request.path("messages").findValuesAsText("content");
  }
}
