package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.parley.slack.e2e.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AssistantThreadsTest {
  private final FakeSlack slack = FakeSlack.start();
  private final AssistantThreads threads;

  AssistantThreadsTest() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.apiUrl());
    threads = new AssistantThreads(Slack.getInstance(config).methods(FakeSlack.BOT_TOKEN), 3);
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void threadsNeverAskedAnythingAreForgottenOldestFirst() {
    for (int i = 1; i <= 5; i++) threads.started(new AssistantThread("T1", "D1", "1." + i, "U1"));

    assertThat(threads.untitledCount()).isEqualTo(3);
    threads.questionAsked("D1", "1.1", "forgotten thread");
    threads.questionAsked("D1", "1.5", "remembered thread");
    assertThat(slack.calls("assistant.threads.setTitle")).extracting(call -> call.param("title"))
        .containsExactly("remembered thread");
  }

  @Test
  void titleIsCutBetweenCharactersNeverInsideOne() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    threads.started(new AssistantThread("T1", "D1", "2.1", "U1"));

    threads.questionAsked("D1", "2.1", "q".repeat(75) + family.repeat(3));

    String title = slack.calls("assistant.threads.setTitle").getFirst().param("title");
    assertThat(title).isEqualTo("q".repeat(75) + "\u2026");
  }
}
