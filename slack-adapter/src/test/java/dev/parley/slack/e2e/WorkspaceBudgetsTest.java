package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many answers stream at once in one workspace, against a fake Slack that enforces the published
 * tiers per workspace and method ({@link FakeSlack#enforcePublishedTiers()}). The workspace's
 * budget for each method is shared between the answers, and nothing runs into a 429.
 */
class WorkspaceBudgetsTest extends SlackBotTestBase {
  /** Within Tier 2's 20 stream starts a minute, so every answer starts in the first minute. */
  private static final int ANSWERS = 15;

  @BeforeEach
  void start() {
    slack.enforcePublishedTiers();
    // Echo answers come in chunks of 6 characters: about 35 chunks of a 200-character question.
    groq.echoChunkDelay(Duration.ofMillis(140));
    startBot();
  }

  @Test
  void concurrentStreamedAnswersShareTheWorkspacesMethodBudgetsWithoutA429() {
    Map<String, Sent> sent = new LinkedHashMap<>();
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < ANSWERS; i++) {
      String channel = String.format("C0LOAD%02d", i);
      String question = question(i);
      sent.put(channel, mention(channel, question, null));
      expected.put(channel, "echo: " + question);
    }

    await().atMost(Duration.ofMinutes(2)).until(() -> sent.entrySet().stream().allMatch(e -> finished(e.getKey(), e.getValue())));

    assertThat(slack.rateLimited()).as("429s from Slack").isZero();
    assertThat(slack.unhonoured()).as("calls sent before a Retry-After passed").isEmpty();
    for (Map.Entry<String, Sent> answer : sent.entrySet()) {
      String shown = slack.botMessages(answer.getKey(), answer.getValue().ts()).stream()
          .map(FakeSlackMessage::visibleText).collect(Collectors.joining("\n\n"));
      assertThat(shown).isEqualTo(expected.get(answer.getKey()));
    }
    // Fairness as order: every answer had started streaming before any answer was finished.
    Instant lastStart = slack.calls("chat.startStream").stream().map(FakeSlack.ApiCall::at)
        .max(Comparator.naturalOrder()).orElseThrow();
    Instant firstStop = slack.calls("chat.stopStream").stream().map(FakeSlack.ApiCall::at)
        .min(Comparator.naturalOrder()).orElseThrow();
    assertThat(slack.calls("chat.startStream")).hasSize(ANSWERS);
    assertThat(lastStart).isBefore(firstStop);
    List<FakeSlack.ApiCall> appends = slack.calls("chat.appendStream");
    assertThat(appends.stream().map(c -> c.param("channel")).distinct()).hasSize(ANSWERS);
  }

  @Test
  void concurrentPostedAnswersShareTheWorkspacesChatUpdateBudgetWithoutA429() {
    slack.failStreaming("feature_not_enabled");
    Map<String, Sent> sent = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) sent.put(String.format("C0POST%02d", i), mention(String.format("C0POST%02d", i), question(i), null));

    await().atMost(Duration.ofMinutes(2)).until(() -> sent.entrySet().stream().allMatch(e -> finished(e.getKey(), e.getValue())));

    assertThat(slack.rateLimited()).as("429s from Slack").isZero();
    assertThat(slack.unhonoured()).as("calls sent before a Retry-After passed").isEmpty();
    int i = 0;
    for (Map.Entry<String, Sent> answer : sent.entrySet()) {
      String shown = slack.botMessages(answer.getKey(), answer.getValue().ts()).stream()
          .map(FakeSlackMessage::visibleText).collect(Collectors.joining("\n\n"));
      assertThat(shown).isEqualTo("echo: " + question(i++));
    }
    assertThat(slack.calls("chat.update")).as("Tier 3: at most 50 a minute in the workspace").hasSizeLessThanOrEqualTo(50);
  }

  private boolean finished(String channel, Sent question) {
    List<FakeSlackMessage> messages = slack.botMessages(channel, question.ts());
    return !messages.isEmpty() && messages.getLast().buttons().contains("parley_feedback_up");
  }

  /** About 200 characters, different for each question. */
  private static String question(int i) {
    StringBuilder question = new StringBuilder("Question " + i + ":");
    while (question.length() < 200) question.append(" how is a workspace budget shared");
    return question.toString();
  }
}
