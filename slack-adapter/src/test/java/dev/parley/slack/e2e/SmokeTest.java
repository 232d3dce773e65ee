package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.slack.SlackAdapter;
import dev.parley.slack.SlackSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void mentionIsAnswered() throws Exception {
    try (FakeSlack slack = FakeSlack.start();
        SlackAdapter adapter = new SlackAdapter(SlackSettings.socketMode(FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, slack.apiUrl()),
            new ScriptedConversations())) {
      adapter.start();
      slack.socket().awaitConnected(Duration.ofSeconds(10));
      String ts = slack.nextTs();
      String env = slack.socket().sendEvent(SlackEvents.callback(SlackEvents.mention("C1", "U1", "hello there", ts, null)), 0);
      slack.socket().awaitAck(env, Duration.ofSeconds(3));
      await().atMost(Duration.ofSeconds(10)).until(() -> !slack.botMessages("C1", ts).isEmpty()
          && !slack.botMessages("C1", ts).get(0).streaming());
      assertThat(slack.botMessages("C1", ts).get(0).visibleText()).isEqualTo("echo: hello there");
      System.out.println(slack.calls().stream().map(c -> c.method() + " " + c.params()).toList());
    }
  }
}
