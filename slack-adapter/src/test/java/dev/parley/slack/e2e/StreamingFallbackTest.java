package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamingFallbackTest extends SlackBotTestBase {

  @BeforeEach
  void start() {
    startBot();
  }

  @Test
  void postsAndUpdatesWhenStreamingIsUnavailable() {
    slack.failStreaming("feature_not_enabled");
    String answer = "Plain words arrive one after another until the whole answer has been written out here.";
    groq.enqueueAnswer(answer, 4, Duration.ofMillis(50));

    Sent sent = mention("C0GENERAL", "tell me slowly", null);

    List<FakeSlackMessage> messages = awaitAnswer("C0GENERAL", sent.ts());
    assertThat(messages).hasSize(1);
    FakeSlackMessage reply = messages.get(0);
    assertThat(reply.streamed()).isFalse();
    assertThat(reply.visibleText()).isEqualTo(answer);
    assertThat(slack.calls("chat.update")).filteredOn(c -> c.param("ts").equals(reply.ts())).hasSizeGreaterThanOrEqualTo(3);
    assertThat(slack.calls("chat.postMessage").get(0).param("thread_ts")).isEqualTo(sent.ts());
  }

  @Test
  void streamThatSlackStopsAcceptingContinuesWithUpdates() {
    String answer = "This answer starts as a native stream and ends as an edited message without losing a word.";
    groq.enqueueAnswer(answer, 3, Duration.ofMillis(60));

    Sent sent = mention("C0GENERAL", "stream then fall back", null);
    await().atMost(ANSWER_TIMEOUT).until(() -> !slack.calls("chat.appendStream").isEmpty());
    slack.failStreaming("message_not_in_streaming_state");

    List<FakeSlackMessage> messages = awaitAnswer("C0GENERAL", sent.ts());
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).visibleText()).isEqualTo(answer);
    assertThat(slack.calls("chat.update")).isNotEmpty()
        .allSatisfy(c -> assertThat(c.param("ts")).isEqualTo(messages.get(0).ts()));
  }

  @Test
  void longAnswerIsSplitIntoFurtherMessagesWithNothingLost() {
    slack.failStreaming("feature_not_enabled");
    String answer = paragraphs(60, 150);
    groq.enqueueAnswer(answer, 400, Duration.ofMillis(10));

    Sent sent = mention("C0GENERAL", "write a lot", null);

    List<FakeSlackMessage> messages = awaitAnswer("C0GENERAL", sent.ts());
    assertThat(messages).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(m -> assertThat(m.visibleText().length()).isLessThanOrEqualTo(4_000));
    String shown = String.join("\n\n", messages.stream().map(FakeSlackMessage::visibleText).toList());
    assertThat(shown.replaceAll("\\s+", "")).isEqualTo(answer.replaceAll("\\s+", ""));
    assertThat(messages.subList(0, messages.size() - 1)).allSatisfy(m -> assertThat(m.buttons()).isEmpty());
    assertThat(slack.calls("chat.postMessage")).allSatisfy(c -> assertThat(c.ok()).as(c.error()).isTrue());
  }

  @Test
  void streamedAnswerBeyondOneAppendIsSentInPiecesSlackAccepts() {
    String answer = paragraphs(100, 150);
    groq.enqueueAnswer(answer, 3_000, Duration.ZERO);

    Sent sent = mention("C0GENERAL", "write even more", null);

    // One streamed message holds about 12,000 characters, so 15,000 take two.
    List<FakeSlackMessage> messages = awaitAnswer("C0GENERAL", sent.ts());
    assertThat(messages).hasSize(2).allSatisfy(m -> assertThat(m.streamed()).isTrue());
    assertThat(messages.get(0).visibleText() + messages.get(1).visibleText()).isEqualTo(answer);
    assertThat(slack.calls("chat.appendStream")).allSatisfy(c -> {
      assertThat(c.ok()).as(c.error()).isTrue();
      assertThat(c.param("markdown_text").length()).isLessThanOrEqualTo(12_000);
    });
  }

  static String paragraphs(int count, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) out.append("\n\n");
      out.append(("Paragraph " + i + " explains one more detail. ").repeat(length / 20 + 1), 0, length);
    }
    return out.toString();
  }
}
