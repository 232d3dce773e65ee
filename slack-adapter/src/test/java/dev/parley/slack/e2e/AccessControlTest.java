package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.internal.access.AccessPolicy;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.internal.observe.EngineObserver;
import dev.parley.core.testing.TestEngines;
import dev.parley.slack.SlackAdapter;
import dev.parley.slack.SlackBudgets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may use the bot, and who may stop an answer, through Bolt against the fake Slack. */
class AccessControlTest extends SlackBotTestBase {
  private static final String ALLOWED = "C0ALLOWED";
  private static final String OTHER = "C0OTHER";
  private static final String STRANGER = "U0EVE";
  private static final String ADMIN = "U0ADMIN";
  private static final String LONG = "word ".repeat(600).strip();

  private final InMemoryHistoryStore history = new InMemoryHistoryStore();
  private final List<String> refusals = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    EngineObserver observer = new EngineObserver() {
      @Override
      public void accessRefused(String platform, String reason) {
        refusals.add(platform + "/" + reason);
      }
    };
    AccessPolicy policy = new AccessPolicy(Map.of("slack", new AccessPolicy.Lists(Set.of(FakeSlack.TEAM), Set.of(ALLOWED))),
        Set.of("slack:" + ADMIN), key -> TestEngines.settings(false));
    engine = engineBuilder().history(history).access(new AccessControl(policy, observer)).build();
    adapter = new SlackAdapter(socketSettings(), engine.core(),
        new SlackBudgets(Duration.ofMillis(250), Duration.ofMillis(200)), Clock.systemUTC());
    adapter.start();
    slack.socket().awaitConnected(Duration.ofSeconds(10));
  }

  @Test
  void anAllowListedChannelIsAnsweredAndAnotherChannelIsNot() throws Exception {
    Sent refused = mention(OTHER, "are you there?", null);
    slack.socket().awaitAck(refused.envelopeId(), ACK_DEADLINE);
    await().atMost(ANSWER_TIMEOUT).until(() -> refusals.size() == 1);

    Sent answered = mention(ALLOWED, "are you there?", null);

    assertThat(awaitAnswerText(ALLOWED, answered.ts())).isEqualTo("echo: are you there?");
    assertThat(refusals).containsExactly("slack/channel");
    assertThat(groq.completionCalls()).isEqualTo(1);
    assertThat(slack.botMessages(OTHER, refused.ts())).isEmpty();
    assertThat(slack.calls().stream().filter(c -> OTHER.equals(c.param("channel")))).isEmpty();
    assertThat(history.load(new ConversationKey("slack", FakeSlack.TEAM, OTHER, refused.ts()))).isEmpty();
    // The allowed answer is stored (a moment after it shows), the refused message never was.
    await().atMost(ANSWER_TIMEOUT).until(() ->
        history.load(new ConversationKey("slack", FakeSlack.TEAM, ALLOWED, answered.ts())).size() == 2);
    assertThat(history.load(new ConversationKey("slack", FakeSlack.TEAM, OTHER, refused.ts()))).isEmpty();
  }

  @Test
  void directMessagesAndAssistantThreadsAreRefusedWhenTheChannelListDoesNotNameDm() {
    String threadTs = slack.nextTs();
    String started = slack.socket().sendEvent(
        SlackEvents.callback(SlackEvents.assistantThreadStarted("D0ADA", USER, threadTs)), 0);
    slack.socket().awaitAck(started, ACK_DEADLINE);
    directMessage("D0ADA", "hello?", threadTs);
    directMessage("D0ADA", "anyone?", null);

    await().atMost(ANSWER_TIMEOUT).until(() -> refusals.size() == 2);
    Sent answered = mention(ALLOWED, "and here?", null);
    awaitAnswerText(ALLOWED, answered.ts());
    assertThat(refusals).containsExactly("slack/channel", "slack/channel");
    assertThat(slack.calls().stream().filter(c -> c.method().startsWith("assistant.threads"))).isEmpty();
    assertThat(slack.calls().stream().filter(c -> "D0ADA".equals(c.param("channel")))).isEmpty();
    assertThat(groq.completionCalls()).isEqualTo(1);
  }

  @Test
  void aRefusedSlashCommandGetsOneShortEphemeralNoticeAndASecondOneGetsNone() {
    String first = slack.socket().sendSlashCommand(SlackEvents.askCommand(OTHER, USER, "what is DNS?"));
    var firstAck = slack.socket().awaitAck(first, ACK_DEADLINE);
    String second = slack.socket().sendSlashCommand(SlackEvents.askCommand(OTHER, USER, "what is DNS, then?"));
    var secondAck = slack.socket().awaitAck(second, ACK_DEADLINE);

    assertThat(firstAck.payload().path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(firstAck.payload().path("text").asText()).isEqualTo(AccessControl.NOT_ALLOWED);
    assertThat(secondAck.payload().path("text").asText("")).isEmpty();
    assertThat(refusals).containsExactly("slack/channel", "slack/channel");
    assertThat(groq.completionCalls()).isZero();
    assertThat(slack.botMessages()).isEmpty();
  }

  @Test
  void aStrangersStopIsRefusedPrivatelyAndTheAnswerGoesOnUntilTheAskerStopsIt() {
    FakeSlackMessage reply = streamingReply();
    String value = reply.buttonValue("parley_stop");

    slack.socket().sendInteractive(SlackEvents.buttonClick(ALLOWED, STRANGER, reply.ts(), "parley_stop", value));

    await().atMost(ANSWER_TIMEOUT).until(() -> !slack.calls("chat.postEphemeral").isEmpty());
    var notice = slack.calls("chat.postEphemeral").get(0);
    assertThat(notice.param("user")).isEqualTo(STRANGER);
    assertThat(notice.param("channel")).isEqualTo(ALLOWED);
    assertThat(notice.param("text")).isEqualTo(AccessControl.NOT_YOURS);
    int shown = reply.visibleText().length();
    await().atMost(ANSWER_TIMEOUT).until(() -> reply.visibleText().length() > shown);
    assertThat(reply.visibleText()).doesNotContain("Stopped");

    slack.socket().sendInteractive(SlackEvents.buttonClick(ALLOWED, USER, reply.ts(), "parley_stop", value));

    await().atMost(ANSWER_TIMEOUT).until(() -> reply.visibleText().endsWith("_Stopped._"));
    assertThat(reply.visibleText()).hasSizeLessThan(LONG.length());
  }

  @Test
  void anAdminMayStopAnyonesAnswer() {
    FakeSlackMessage reply = streamingReply();

    slack.socket().sendInteractive(SlackEvents.buttonClick(ALLOWED, ADMIN, reply.ts(), "parley_stop",
        reply.buttonValue("parley_stop")));

    await().atMost(ANSWER_TIMEOUT).until(() -> reply.visibleText().endsWith("_Stopped._"));
    assertThat(slack.calls("chat.postEphemeral")).isEmpty();
  }

  @Test
  void aForgedStopValueNamingTheStrangerAsAskerGrantsNothing() {
    FakeSlackMessage reply = streamingReply();
    String genuine = reply.buttonValue("parley_stop");
    String key = genuine.substring(0, genuine.indexOf('|'));

    slack.socket().sendInteractive(SlackEvents.buttonClick(ALLOWED, STRANGER, reply.ts(), "parley_stop",
        key + "|" + STRANGER + "|AAAAAAAAAAAAAAAAAAAAAA"));
    slack.socket().sendInteractive(SlackEvents.buttonClick(ALLOWED, STRANGER, reply.ts(), "parley_stop", key));

    await().atMost(ANSWER_TIMEOUT).until(() -> slack.calls("chat.postEphemeral").size() == 2);
    int shown = reply.visibleText().length();
    await().atMost(ANSWER_TIMEOUT).until(() -> reply.visibleText().length() > shown);
    assertThat(reply.visibleText()).doesNotContain("Stopped");
  }

  /** A long answer in a posted reply (streaming is off), with its Stop button showing. */
  private FakeSlackMessage streamingReply() {
    slack.failStreaming("feature_not_enabled");
    groq.enqueueAnswer(LONG, 3, Duration.ofMillis(60));
    Sent sent = mention(ALLOWED, "talk for a long time", null);
    await().atMost(ANSWER_TIMEOUT).until(() -> !slack.botMessages(ALLOWED, sent.ts()).isEmpty()
        && slack.botMessages(ALLOWED, sent.ts()).get(0).visibleText().startsWith("word word"));
    FakeSlackMessage reply = slack.botMessages(ALLOWED, sent.ts()).get(0);
    assertThat(reply.buttonValue("parley_stop")).startsWith(
        new ConversationKey("slack", FakeSlack.TEAM, ALLOWED, sent.ts()).asString() + "|" + USER + "|");
    return reply;
  }
}
