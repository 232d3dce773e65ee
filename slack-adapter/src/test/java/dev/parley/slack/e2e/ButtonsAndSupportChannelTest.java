package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.api.ConversationKey;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ButtonsAndSupportChannelTest extends SlackBotTestBase {
  private static final String LONG = "word ".repeat(400).strip();

  @BeforeEach
  void start() {
    startBot();
  }

  @Test
  void stopButtonEndsTheAnswerKeepingWhatWasWritten() {
    slack.failStreaming("feature_not_enabled");
    groq.enqueueAnswer(LONG, 5, Duration.ofMillis(40));
    Sent sent = mention("C0GENERAL", "talk for a long time", null);
    await().atMost(ANSWER_TIMEOUT).until(() -> !slack.botMessages("C0GENERAL", sent.ts()).isEmpty()
        && slack.botMessages("C0GENERAL", sent.ts()).get(0).visibleText().startsWith("word word"));
    FakeSlackMessage reply = slack.botMessages("C0GENERAL", sent.ts()).get(0);
    String key = reply.buttonValue("parley_stop");
    assertThat(key).startsWith(new ConversationKey("slack", FakeSlack.TEAM, "C0GENERAL", sent.ts()).asString() + "|");

    String envelope = slack.socket().sendInteractive(
        SlackEvents.buttonClick("C0GENERAL", USER, reply.ts(), "parley_stop", key));

    slack.socket().awaitAck(envelope, ACK_DEADLINE);
    await().atMost(ANSWER_TIMEOUT).until(() -> reply.visibleText().endsWith("_Stopped._") && reply.buttons().isEmpty());
    assertThat(reply.visibleText()).startsWith("word word").hasSizeLessThan(LONG.length());
  }

  @Test
  void feedbackButtonsStoreTheVote() {
    Sent sent = mention("C0GENERAL", "rate me", null);
    FakeSlackMessage reply = awaitAnswer("C0GENERAL", sent.ts()).get(0);

    slack.socket().sendInteractive(SlackEvents.buttonClick("C0GENERAL", "U0BOB", reply.ts(), "parley_feedback_down",
        reply.buttonValue("parley_feedback_down")));

    ConversationKey key = new ConversationKey("slack", FakeSlack.TEAM, "C0GENERAL", sent.ts());
    await().atMost(ANSWER_TIMEOUT).until(() -> !feedback.list(key).isEmpty());
    var vote = feedback.list(key).get(0);
    assertThat(vote.replyId()).isEqualTo(reply.ts());
    assertThat(vote.userId()).isEqualTo("U0BOB");
    assertThat(vote.positive()).isFalse();
  }

  @Test
  void userStoppingANativeStreamEndsGeneration() {
    groq.enqueueAnswer(LONG, 5, Duration.ofMillis(40));
    Sent sent = mention("C0GENERAL", "talk until I stop you", null);
    await().atMost(ANSWER_TIMEOUT).until(() -> slack.calls("chat.appendStream").size() >= 2);

    slack.failStreaming("stopped_by_user");

    await().atMost(ANSWER_TIMEOUT).until(() -> slack.calls("chat.stopStream").size() >= 1);
    int appendsAfterStop = slack.calls("chat.appendStream").size();
    await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
        .until(() -> slack.calls("chat.appendStream").size() == appendsAfterStop && slack.calls("chat.update").isEmpty());
    assertThat(slack.botMessages("C0GENERAL", sent.ts())).hasSize(1);
  }

  @Test
  void supportChannelAnswersEveryTopLevelMessageInItsThread() throws Exception {
    Sent ignored = channelMessage("C0GENERAL", "just chatting here", null);
    slack.socket().awaitAck(ignored.envelopeId(), ACK_DEADLINE);

    Sent question = channelMessage(SUPPORT_CHANNEL, "my deploy is stuck", null);

    assertThat(awaitAnswerText(SUPPORT_CHANNEL, question.ts())).isEqualTo("echo: my deploy is stuck");
    assertThat(contents(nextGroqRequest())).contains("my deploy is stuck");
    assertThat(groq.completionCalls()).isEqualTo(1);
    assertThat(slack.botMessages("C0GENERAL", ignored.ts())).isEmpty();
    assertThat(slack.calls("chat.getPermalink")).singleElement()
        .satisfies(c -> assertThat(c.param("message_ts")).isEqualTo(question.ts()));
  }
}
