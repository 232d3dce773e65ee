package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.testing.FakeGroq;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reply that ends with a notice after partial code shows the notice as text, not as code. */
class CutOffNoticeTest extends SlackBotTestBase {
  private static final String ANSWER = "Here is the code:\n\n```java\nint x = 1;\nint y = 2;\n```\nDone.";
  private static final String NOTICE = "The answer was cut off before it was complete.";

  @BeforeEach
  void start() {
    startBot();
  }

  @Test
  void aPostedReplyCutOffInsideCodeShowsTheNoticeAfterTheClosedBlock() {
    slack.failStreaming("feature_not_enabled");
    groq.enqueue(cutInsideTheCode());

    Sent sent = mention("C0GENERAL", "show me code", null);

    String shown = awaitNotice(sent).visibleText();
    assertThat(shown).contains("int x = 1;");
    assertNoticeOutsideCode(shown);
  }

  @Test
  void aStreamedReplyCutOffInsideCodeShowsTheNoticeAfterTheClosedBlock() {
    groq.enqueue(cutInsideTheCode());

    Sent sent = mention("C0GENERAL", "show me code", null);

    FakeSlackMessage reply = awaitNotice(sent);
    assertThat(reply.streamed()).isTrue();
    assertThat(reply.visibleText()).contains("int x = 1;");
    assertNoticeOutsideCode(reply.visibleText());
  }

  /** The first chunks of {@link #ANSWER}, up to inside its code block, and no end of stream. */
  private static MockResponse cutInsideTheCode() {
    List<String> events = FakeGroq.answerEvents(ANSWER, 6).subList(0, 8);
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
        .body(String.join("", events.stream().map(event -> "data: " + event + "\n\n").toList())).build();
  }

  private FakeSlackMessage awaitNotice(Sent sent) {
    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages("C0GENERAL", sent.ts()).stream()
        .anyMatch(m -> !m.streaming() && m.visibleText().contains("cut off")));
    List<FakeSlackMessage> messages = slack.botMessages("C0GENERAL", sent.ts());
    assertThat(messages).hasSize(1);
    return messages.getFirst();
  }

  /** Every code block is closed, and the notice comes after the last fence. */
  private static void assertNoticeOutsideCode(String shown) {
    int notice = shown.indexOf(NOTICE);
    assertThat(notice).as("the notice in %s", shown).isPositive();
    assertThat(shown.split("```", -1).length % 2).as("balanced fences in %s", shown).isEqualTo(1);
    assertThat(shown.lastIndexOf("```")).as("the last fence comes before the notice in %s", shown).isLessThan(notice);
  }
}
