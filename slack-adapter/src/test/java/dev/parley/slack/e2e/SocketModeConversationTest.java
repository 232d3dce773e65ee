package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SocketModeConversationTest extends SlackBotTestBase {

  @BeforeEach
  void start() {
    startBot();
  }

  @Test
  void mentionIsAckedAtOnceAndStreamedInPlaceInItsThread() {
    String answer = "Tides follow the moon: its pull raises the water on the side facing it, and on the far side too.";
    groq.enqueueAnswer(answer, 4, Duration.ofMillis(60));

    Sent sent = mention("C0GENERAL", "why are there tides?", null);

    var ack = slack.socket().awaitAck(sent.envelopeId(), ACK_DEADLINE);
    assertThat(Duration.between(slack.socket().sentAt(sent.envelopeId()), ack.at())).isLessThan(ACK_DEADLINE);
    List<FakeSlackMessage> messages = awaitAnswer("C0GENERAL", sent.ts());
    assertThat(messages).hasSize(1);
    FakeSlackMessage reply = messages.get(0);
    assertThat(reply.streamed()).isTrue();
    assertThat(reply.visibleText()).isEqualTo(answer);
    assertThat(slack.calls("chat.appendStream")).filteredOn(c -> c.param("ts").equals(reply.ts()))
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(reply.changes()).isGreaterThanOrEqualTo(3);
    var start = slack.calls("chat.startStream").get(0);
    assertThat(start.param("thread_ts")).isEqualTo(sent.ts());
    assertThat(start.param("recipient_user_id")).isEqualTo(USER);
    assertThat(start.param("recipient_team_id")).isEqualTo(FakeSlack.TEAM);
    assertThat(start.token()).isEqualTo(FakeSlack.BOT_TOKEN);
  }

  @Test
  void followUpInTheThreadNeedsNoMentionAndCarriesTheFirstExchange() throws Exception {
    Sent first = mention("C0GENERAL", "what is the capital of Peru?", null);
    assertThat(awaitAnswerText("C0GENERAL", first.ts())).isEqualTo("echo: what is the capital of Peru?");
    nextGroqRequest();

    channelMessage("C0GENERAL", "and its population?", first.ts());

    JsonNode followUp = nextGroqRequest();
    assertThat(contents(followUp)).containsSubsequence(
        "what is the capital of Peru?", "echo: what is the capital of Peru?", "and its population?");
    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages("C0GENERAL", first.ts()).size() == 2
        && slack.botMessages("C0GENERAL", first.ts()).get(1).buttons().contains("parley_feedback_up"));
  }

  @Test
  void twoThreadsDoNotMix() throws Exception {
    Sent apples = mention("C0GENERAL", "tell me about apples", null);
    Sent pears = mention("C0GENERAL", "tell me about pears", null);

    assertThat(awaitAnswerText("C0GENERAL", apples.ts())).isEqualTo("echo: tell me about apples");
    assertThat(awaitAnswerText("C0GENERAL", pears.ts())).isEqualTo("echo: tell me about pears");
    nextGroqRequest();
    nextGroqRequest();
    channelMessage("C0GENERAL", "more on those", pears.ts());

    JsonNode followUp = nextGroqRequest();
    assertThat(String.join("\n", contents(followUp))).contains("pears").doesNotContain("apples");
  }

  @Test
  void redeliveredEventIsAnsweredOnce() {
    String ts = slack.nextTs();
    var event = SlackEvents.mention("C0GENERAL", USER, "only once please", ts, null);
    var callback = SlackEvents.callback(event, "Ev0REDELIVERED");

    String firstEnvelope = slack.socket().sendEvent(callback, 0);
    String retryEnvelope = slack.socket().sendEvent(callback, 1);

    slack.socket().awaitAck(firstEnvelope, ACK_DEADLINE);
    slack.socket().awaitAck(retryEnvelope, ACK_DEADLINE);
    assertThat(awaitAnswerText("C0GENERAL", ts)).isEqualTo("echo: only once please");
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
        .until(() -> slack.botMessages("C0GENERAL", ts).size() == 1 && groq.completionCalls() == 1);
  }

  @Test
  void crowdMentionsFromTheModelNeverReachSlack() {
    groq.enqueueAnswer("Sure! <!channel> and <!here> and <!subteam^S0OPS|@ops>, also @everyone: done.", 5, Duration.ZERO);

    Sent sent = mention("C0GENERAL", "ping everybody", null);

    String text = awaitAnswerText("C0GENERAL", sent.ts());
    assertThat(text).startsWith("Sure! ").endsWith(", also @\u200Deveryone: done.");
    assertThat(slack.calls()).allSatisfy(call -> assertThat(call.params().values())
        .noneMatch(v -> v.contains("<!channel>") || v.contains("<!here>") || v.contains("<!subteam")
            || v.matches("(?s).*(?<![\\w@])@(channel|here|everyone)\\b.*")));
  }

  @Test
  void directMessageIsAnsweredAtTheTopLevelOfTheDm() throws Exception {
    Sent sent = directMessage("D0ADA", "hello in private", null);

    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages().stream()
        .anyMatch(m -> m.channel().equals("D0ADA") && m.buttons().contains("parley_feedback_up")));
    FakeSlackMessage reply = slack.botMessages().get(0);
    assertThat(reply.threadTs()).isNull();
    assertThat(reply.visibleText()).isEqualTo("echo: hello in private");
    nextGroqRequest();

    directMessage("D0ADA", "second message", null);
    assertThat(contents(nextGroqRequest())).containsSubsequence("hello in private", "echo: hello in private", "second message");
    assertThat(sent.eventId()).isNotBlank();
  }

  @Test
  void reconnectsWhenSlackAsksAndKeepsAnswering() {
    int before = slack.socket().connections();
    assertThat(adapter.isConnected()).isTrue();

    slack.socket().sendDisconnect();

    await().atMost(Duration.ofSeconds(10)).until(() -> slack.socket().connections() > before);
    Sent sent = mention("C0GENERAL", "still there?", null);
    slack.socket().awaitAck(sent.envelopeId(), ACK_DEADLINE);
    assertThat(awaitAnswerText("C0GENERAL", sent.ts())).isEqualTo("echo: still there?");
    assertThat(adapter.isConnected()).isTrue();

    adapter.close();
    assertThat(adapter.isConnected()).isFalse();
  }
}
