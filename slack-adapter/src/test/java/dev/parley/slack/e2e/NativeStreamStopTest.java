package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.api.ConversationKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A natively streamed answer has a Stop button: Slack takes no blocks while a message streams,
 * so the button sits in a small message of its own under the answer, removed when it ends.
 */
class NativeStreamStopTest extends SlackBotTestBase {
  private static final String LONG = "word ".repeat(400).strip();

  @BeforeEach
  void start() {
    startBot();
  }

  @Test
  void theAskerStopsANativeStreamWithTheButtonUnderIt() {
    groq.enqueueAnswer(LONG, 5, Duration.ofMillis(40));
    Sent sent = mention("C0GENERAL", "talk for a long time", null);
    FakeSlackMessage control = awaitControl(sent.ts());
    FakeSlackMessage answer = slack.botMessages("C0GENERAL", sent.ts()).get(0);
    assertThat(answer.streamed()).isTrue();
    assertThat(Double.parseDouble(control.ts())).isGreaterThan(Double.parseDouble(answer.ts()));
    String value = control.buttonValue("parley_stop");
    assertThat(value).startsWith(new ConversationKey("slack", FakeSlack.TEAM, "C0GENERAL", sent.ts()).asString() + "|");

    String envelope = slack.socket().sendInteractive(
        SlackEvents.buttonClick("C0GENERAL", USER, control.ts(), "parley_stop", value));

    slack.socket().awaitAck(envelope, ACK_DEADLINE);
    await().atMost(ANSWER_TIMEOUT).until(() -> !answer.streaming() && slack.botMessages("C0GENERAL", sent.ts()).size() == 1);
    assertThat(answer.visibleText()).startsWith("word word").endsWith("_Stopped._").hasSizeLessThan(LONG.length());
    assertThat(slack.deletedMessages()).containsExactly(control);
    assertThat(slack.calls("chat.update")).isEmpty();
    assertThat(slack.calls("chat.startStream")).hasSize(1);
  }

  @Test
  void someoneElsesClickIsRefusedAndTheAnswerGoesOn() {
    groq.enqueueAnswer(LONG, 40, Duration.ofMillis(40));
    Sent sent = mention("C0GENERAL", "talk for a while", null);
    FakeSlackMessage control = awaitControl(sent.ts());

    slack.socket().sendInteractive(SlackEvents.buttonClick("C0GENERAL", "U0BOB", control.ts(), "parley_stop",
        control.buttonValue("parley_stop")));

    await().atMost(ANSWER_TIMEOUT).until(() -> !slack.calls("chat.postEphemeral").isEmpty());
    assertThat(slack.calls("chat.postEphemeral").get(0).param("user")).isEqualTo("U0BOB");
    List<FakeSlackMessage> messages = awaitAnswer("C0GENERAL", sent.ts());
    assertThat(messages).singleElement().satisfies(m -> assertThat(m.visibleText()).isEqualTo(LONG));
    assertThat(slack.deletedMessages()).containsExactly(control);
  }

  @Test
  void aFinishedAnswerLeavesNoStopButtonBehind() {
    groq.enqueueAnswer("A few words, written slowly enough to be seen streaming.", 4, Duration.ofMillis(60));
    Sent sent = mention("C0GENERAL", "short one", null);

    List<FakeSlackMessage> messages = awaitAnswer("C0GENERAL", sent.ts());

    assertThat(messages).singleElement().satisfies(m -> {
      assertThat(m.streamed()).isTrue();
      assertThat(m.buttons()).containsExactly("parley_feedback_up", "parley_feedback_down");
    });
    assertThat(slack.deletedMessages()).singleElement()
        .satisfies(control -> assertThat(control.buttons()).containsExactly("parley_stop"));
  }

  private FakeSlackMessage awaitControl(String threadTs) {
    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages("C0GENERAL", threadTs).stream()
        .anyMatch(m -> m.buttons().contains("parley_stop")));
    return slack.botMessages("C0GENERAL", threadTs).stream().filter(m -> m.buttons().contains("parley_stop"))
        .findFirst().orElseThrow();
  }
}
