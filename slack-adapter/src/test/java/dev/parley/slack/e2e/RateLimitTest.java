package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitTest extends SlackBotTestBase {

  @BeforeEach
  void start() {
    startBot();
  }

  @Test
  void chatUpdateRateLimitIsHonouredAndNoTextIsLost() {
    slack.failStreaming("feature_not_enabled");
    slack.rateLimit("chat.update", 2, Duration.ofSeconds(1));
    String answer = "Every single word of this slow answer must still arrive although Slack keeps saying slow down.";
    groq.enqueueAnswer(answer, 3, Duration.ofMillis(60));

    Sent sent = mention("C0GENERAL", "go slowly", null);

    assertThat(awaitAnswerText("C0GENERAL", sent.ts())).isEqualTo(answer);
    assertHonoured("chat.update");
  }

  @Test
  void appendStreamRateLimitIsHonouredAndNoTextIsLost() {
    slack.rateLimit("chat.appendStream", 2, Duration.ofSeconds(1));
    String answer = "Streaming natively, this answer meets a rate limit on appends and still arrives complete.";
    groq.enqueueAnswer(answer, 3, Duration.ofMillis(60));

    Sent sent = mention("C0GENERAL", "stream slowly", null);

    assertThat(awaitAnswerText("C0GENERAL", sent.ts())).isEqualTo(answer);
    assertHonoured("chat.appendStream");
  }

  @Test
  void aRetryAfterGivenAsAnHttpDateIsWaitedOut() {
    slack.failStreaming("feature_not_enabled");
    slack.retryAfterAsHttpDate();
    // A window of 3 s makes each date 3 to 4 s away, far beyond the 1 s an unread date would give.
    slack.rateLimit("chat.update", 2, Duration.ofSeconds(3));
    String answer = "An answer whose edits Slack refuses until a date, given the way HTTP allows, still arrives whole.";
    groq.enqueueAnswer(answer, 3, Duration.ofMillis(60));

    Sent sent = mention("C0GENERAL", "wait for the date", null);

    assertThat(awaitAnswerText("C0GENERAL", sent.ts())).isEqualTo(answer);
    assertHonoured("chat.update");
  }

  /** Some 429s happened, and after each one the method was not called again before Retry-After. */
  private void assertHonoured(String method) {
    List<FakeSlack.Rejection> rejections = slack.rejections(method);
    assertThat(rejections).isNotEmpty();
    for (FakeSlack.Rejection rejection : rejections) {
      Instant earliest = rejection.at().plus(rejection.retryAfter()).minusMillis(20);
      assertThat(slack.calls(method)).filteredOn(c -> c.at().isAfter(rejection.at()))
          .allSatisfy(c -> assertThat(c.at()).isAfterOrEqualTo(earliest));
    }
  }
}
