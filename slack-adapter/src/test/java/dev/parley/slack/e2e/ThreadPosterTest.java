package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.ThreadPoster;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack {@link ThreadPoster} through the SDK against {@link FakeSlack}: where it posts, what it pings, how it waits. */
class ThreadPosterTest extends SlackBotTestBase {
  private static final ConversationKey THREAD = new ConversationKey("slack", FakeSlack.TEAM, "C0GENERAL", "1767225600.000100");

  @BeforeEach
  void start() {
    startBot();
  }

  @Test
  void aPostGoesIntoTheThreadWithTheGroupPingFirstAndTheTextGuarded() {
    adapter.threadPoster().post(THREAD, "Ticket SUP-3 was closed by <@U0BOSS> for <!here>.", "S0123");

    assertThat(slack.calls("chat.postMessage")).singleElement().satisfies(call -> {
      assertThat(call.param("channel")).isEqualTo("C0GENERAL");
      assertThat(call.param("thread_ts")).isEqualTo("1767225600.000100");
      assertThat(call.param("text")).isEqualTo("<!subteam^S0123> Ticket SUP-3 was closed by <\u200D@U0BOSS> for <\u200D!here>.");
    });
  }

  @Test
  void withoutAGroupNobodyIsPingedAndAConversationWithoutAThreadGetsATopLevelMessage() {
    adapter.threadPoster().post(new ConversationKey("slack", FakeSlack.TEAM, "D0ADA", "dm-U0ADA"),
        "x".repeat(10_000), null);

    assertThat(slack.calls("chat.postMessage")).singleElement().satisfies(call -> {
      assertThat(call.param("thread_ts")).isNull();
      assertThat(call.param("text")).doesNotContain("subteam").hasSizeLessThan(4_000).endsWith("…");
    });
  }

  @Test
  void aRateLimitedPostWaitsOutRetryAfterAndLands() {
    slack.expectError("ratelimited");
    slack.rateLimit("chat.postMessage", 1, Duration.ofSeconds(1));
    ThreadPoster poster = adapter.threadPoster();

    poster.post(THREAD, "first", null);
    poster.post(THREAD, "second", null);

    assertThat(slack.rejections("chat.postMessage")).isNotEmpty();
    assertThat(slack.botMessages("C0GENERAL", THREAD.thread())).extracting(FakeSlackMessage::visibleText)
        .containsExactly("first", "second");
  }

  @Test
  void anIdThatIsNotAUserGroupIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> adapter.threadPoster().post(THREAD, "hello", "U0BOSS"))
        .isInstanceOf(ThreadPoster.ThreadPostException.class).hasMessageContaining("user group");
    assertThat(slack.calls("chat.postMessage")).isEmpty();
  }
}
