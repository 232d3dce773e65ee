package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.parley.slack.e2e.FakeSlack;
import dev.parley.slack.e2e.SlackEvents;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Membership lookups through the real Slack client against the fake Slack, counted at the fake. */
class ThreadMembershipTest {
  private static final String CHANNEL = "C0GENERAL";

  private final FakeSlack slack = FakeSlack.start();
  private final AtomicLong now = new AtomicLong();
  private final ThreadMembership threads = new ThreadMembership(methods(), FakeSlack.BOT_USER, FakeSlack.BOT_ID, now::get);

  @AfterEach
  void close() {
    slack.close();
  }

  @Test
  void aThreadWithoutTheBotIsAskedAboutOnceAMinuteNotOnEveryMessage() {
    String root = humanThread();

    for (int message = 0; message < 5; message++) assertThat(threads.isMember(CHANNEL, root)).isFalse();
    assertThat(slack.calls("conversations.replies")).hasSize(1);

    now.addAndGet(ThreadMembership.NEGATIVE_TTL.plusSeconds(1).toNanos());
    assertThat(threads.isMember(CHANNEL, root)).isFalse();
    assertThat(slack.calls("conversations.replies")).hasSize(2);
  }

  @Test
  void aMentionInTheThreadMakesTheBotAMemberAtOnce() {
    String root = humanThread();
    assertThat(threads.isMember(CHANNEL, root)).isFalse();

    threads.remember(CHANNEL, root);

    assertThat(threads.isMember(CHANNEL, root)).isTrue();
    assertThat(slack.calls("conversations.replies")).hasSize(1);
  }

  @Test
  void aFailedLookupIsNotRepeatedForEveryMessageEither() {
    slack.rateLimit("conversations.replies", 0, Duration.ofHours(1));
    String root = humanThread();

    for (int message = 0; message < 5; message++) assertThat(threads.isMember(CHANNEL, root)).isFalse();

    assertThat(slack.calls("conversations.replies")).hasSize(1);
  }

  private String humanThread() {
    String root = slack.nextTs();
    slack.rememberUserMessage(SlackEvents.channelMessage(CHANNEL, "U0ADA", "people talking", root, null));
    return root;
  }

  private MethodsClient methods() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.apiUrl());
    return Slack.getInstance(config).methods(FakeSlack.BOT_TOKEN);
  }
}
