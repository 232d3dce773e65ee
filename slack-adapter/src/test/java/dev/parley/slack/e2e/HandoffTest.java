package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.HandoffSettings;
import dev.parley.core.internal.engine.ConversationEngineBuilder;
import dev.parley.core.internal.handoff.EscalateToHumanTool;
import dev.parley.core.internal.handoff.HandoffDesk;
import dev.parley.core.internal.handoff.InMemoryHandoffStore;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.internal.tickets.InMemoryTicketStore;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.testing.TestEngines;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Handoff to people through Bolt against {@link FakeSlack}: the one ping Parley makes goes to the
 * configured user group alone, whatever the model writes, and the thread stays quiet until
 * {@code @Parley resume}. Asserted on the raw Web API requests.
 */
class HandoffTest extends SlackBotTestBase {
  private static final String ON_CALL = "S0123ONCALL";
  /** Everything Slack would turn into a notification in a message's text or blocks. */
  private static final Pattern PINGS = Pattern.compile("<[!@#][^>]*>|(?<![\\w@])@(channel|here|everyone)\\b");
  private final InMemoryTicketStore tickets = new InMemoryTicketStore();

  @BeforeEach
  void start() {
    startBot(socketSettings(), handoffEngine());
  }

  private ConversationEngineBuilder handoffEngine() {
    InMemoryHistoryStore history = new InMemoryHistoryStore();
    HandoffDesk desk = new HandoffDesk(new InMemoryHandoffStore(), tickets, history, HandoffTest::settings,
        (conversation, text, group) -> adapter.threadPoster().post(conversation, text, group), Clock.systemUTC());
    return engineBuilder().history(history).channelSettings(HandoffTest::settings).tickets(tickets)
        .tools(new ToolRegistry(List.of(new EscalateToHumanTool(desk)))).handoff(desk);
  }

  private static ChannelSettings settings(ConversationKey key) {
    ChannelSettings base = TestEngines.settings(key.channel().equals(SUPPORT_CHANNEL));
    return key.channel().equals(SUPPORT_CHANNEL)
        ? base.withHandoff(new HandoffSettings(ON_CALL, Duration.ofHours(4))) : base;
  }

  /** Every ping in every request the bot made to post or change a message. */
  private List<String> pingsSent() {
    return slack.calls().stream()
        .filter(call -> call.method().startsWith("chat.") && !call.method().equals("chat.getPermalink"))
        .flatMap(call -> call.params().values().stream())
        .flatMap(value -> PINGS.matcher(value).results().map(MatchResult::group)).toList();
  }

  @Test
  void theButtonPingsOnlyTheConfiguredGroupThenTheThreadIsQuietUntilResume() {
    Sent question = channelMessage(SUPPORT_CHANNEL, "my deploy is stuck", null);
    FakeSlackMessage answer = awaitAnswer(SUPPORT_CHANNEL, question.ts()).getLast();
    assertThat(answer.buttons()).contains("parley_feedback_up", "parley_handoff");

    slack.socket().sendInteractive(SlackEvents.buttonClick(SUPPORT_CHANNEL, "U0BOB", answer.ts(), "parley_handoff",
        answer.buttonValue("parley_handoff")));

    await().atMost(ANSWER_TIMEOUT).until(() -> !slack.calls("chat.postEphemeral").isEmpty());
    var handoff = slack.calls("chat.postMessage").stream()
        .filter(call -> call.param("text") != null && call.param("text").contains("subteam")).toList();
    assertThat(handoff).singleElement().satisfies(call -> {
      assertThat(call.param("channel")).isEqualTo(SUPPORT_CHANNEL);
      assertThat(call.param("thread_ts")).isEqualTo(question.ts());
      assertThat(call.param("text")).startsWith("<!subteam^" + ON_CALL + "> Someone asked to talk to a person."
          + " Ticket SUP-1 has the conversation so far.");
      // The SDK sends link_names=0: Slack links no names, so only the <!subteam^…> syntax pings.
      assertThat(call.param("link_names")).isIn(null, "0", "false");
    });
    assertThat(pingsSent()).containsExactly("<!subteam^" + ON_CALL + ">");
    assertThat(slack.calls("chat.postEphemeral").getFirst().param("user")).isEqualTo("U0BOB");
    assertThat(tickets.find("slack:" + FakeSlack.TEAM, "SUP-1")).get()
        .satisfies(t -> assertThat(t.description()).contains("my deploy is stuck", "echo: my deploy is stuck"));

    int answersBefore = groq.completionCalls();
    int messagesBefore = slack.botMessages(SUPPORT_CHANNEL, question.ts()).size();
    Sent waiting = mention(SUPPORT_CHANNEL, "hello? is anyone there?", question.ts());
    slack.socket().awaitAck(waiting.envelopeId(), ACK_DEADLINE);
    await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() ->
        slack.botMessages(SUPPORT_CHANNEL, question.ts()).size() == messagesBefore
            && groq.completionCalls() == answersBefore && slack.calls("chat.startStream").size() == 1);

    mention(SUPPORT_CHANNEL, "resume", question.ts());
    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages(SUPPORT_CHANNEL, question.ts()).stream()
        .anyMatch(m -> m.visibleText().contains("I'm back")));

    mention(SUPPORT_CHANNEL, "one more question", question.ts());
    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages(SUPPORT_CHANNEL, question.ts()).stream()
        .anyMatch(m -> m.visibleText().equals("echo: one more question")));
  }

  @Test
  void aModelThatWritesEveryoneAndAnotherGroupPingsNobodyButTheConfiguredGroup() {
    groq.enqueueToolCall("call_1", EscalateToHumanTool.NAME,
        "{\"reason\":\"@everyone <!subteam^S0999OPS|@ops> <!here> <@U0BOSS> must look\"}");
    groq.enqueueAnswer("Paging <!subteam^S0999OPS> and @everyone and <!channel> now.", 5, Duration.ZERO);

    Sent question = channelMessage(SUPPORT_CHANNEL, "I need a human", null);

    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages(SUPPORT_CHANNEL, question.ts()).stream()
        .anyMatch(m -> m.visibleText().startsWith("Paging") && m.buttons().contains("parley_feedback_up")));
    var handoff = slack.calls("chat.postMessage").stream()
        .filter(call -> call.param("text") != null && call.param("text").startsWith("<!subteam^")).toList();
    assertThat(handoff).singleElement().satisfies(call -> assertThat(call.param("text"))
        .startsWith("<!subteam^" + ON_CALL + "> I could not resolve this and asked for a person: @\u200Deveryone"));
    assertThat(pingsSent()).containsExactly("<!subteam^" + ON_CALL + ">");
  }

  @Test
  void answersWhereNoGroupIsConfiguredOfferNoHandoff() {
    Sent sent = mention("C0GENERAL", "hello", null);

    assertThat(awaitAnswer("C0GENERAL", sent.ts()).getLast().buttons()).doesNotContain("parley_handoff");
    assertThat(pingsSent()).isEmpty();
  }
}
