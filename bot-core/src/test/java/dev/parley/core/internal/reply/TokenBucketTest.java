package dev.parley.core.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.reply.TokenBucket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
  private final TokenBucket bucket = new TokenBucket(5, Duration.ofSeconds(1), now::get);

  @Test
  void startsFullAndThenSaysWhenTheOldestTokenComesBack() {
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.tryTake()).isZero();
      advance(Duration.ofMillis(100));
    }

    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(500));
    advance(Duration.ofMillis(450));
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(50));
    advance(Duration.ofMillis(50));
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void anEmptyBucketTakesNothingWhenAsked() {
    drainAll();
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(1));
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(1));
    advance(Duration.ofSeconds(1));
    assertThat(bucket.tryTake()).isZero();
  }

  @Test
  void neverAllowsMoreThanCapacityInAnyWindowOfOnePeriod() {
    long[] takes = new long[200];
    int taken = 0;
    for (int step = 0; taken < takes.length; step++) {
      if (bucket.tryTake().isZero()) takes[taken++] = now.get();
      advance(Duration.ofMillis(step % 7 == 0 ? 130 : 17));
    }
    for (int i = 5; i < takes.length; i++) {
      assertThat(takes[i] - takes[i - 5]).as("take %d vs take %d", i, i - 5)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
    }
  }

  @Test
  void comesBackFullAfterAQuietPeriodButNeverBeyondCapacity() {
    drainAll();
    advance(Duration.ofMinutes(10));
    for (int i = 0; i < 5; i++) assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void drainForHoldsEveryTakerBackForThePause() {
    bucket.drainFor(Duration.ofSeconds(2));

    assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(2));
    advance(Duration.ofSeconds(2));
    for (int i = 0; i < 5; i++) assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isPositive();
  }

  @Test
  void rejectsNonsenseBudgets() {
    assertThatThrownBy(() -> new TokenBucket(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket(1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new TokenBucket(3, Duration.ofSeconds(1)).capacity()).isEqualTo(3);
  }

  @Test
  void aTokenWhoseCallWasAnsweredLateComesBackAPeriodAfterTheAnswer() {
    TokenBucket one = new TokenBucket(1, Duration.ofSeconds(1), now::get);
    TokenBucket.Taken token = one.awaitOne();
    advance(Duration.ofMillis(400)); // the request waited for a core, then for Discord

    token.answered();
    advance(Duration.ofMillis(700));

    assertThat(one.tryTake()).as("1.1 s after the take, 0.7 s after the answer").isEqualTo(Duration.ofMillis(300));
    advance(Duration.ofMillis(300));
    assertThat(one.tryTake()).isZero();
  }

  @Test
  void aPromptAnswerLeavesTheTokenToItsUsualReturnAndTheOthersInOrder() {
    TokenBucket.Taken first = bucket.awaitOne();
    first.answered(); // at once: it comes back at 1.0 s, as taken
    advance(Duration.ofMillis(100));
    TokenBucket.Taken second = bucket.awaitOne();
    advance(Duration.ofMillis(500));
    second.answered(); // at 0.6 s: it comes back at 1.6 s, not 1.1 s
    drainAll();

    advance(Duration.ofMillis(400)); // 1.0 s: the first is back, the second not
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).as("the three drained at 0.6 s come back at 1.6 s, with the second")
        .isEqualTo(Duration.ofMillis(600));
  }

  @Test
  void aTokenHeldUntilAnsweredStaysOutWhileItsCallIsSlowerThanAPeriod() {
    TokenBucket one = new TokenBucket(1, Duration.ofSeconds(1), now::get);
    TokenBucket.Taken token = one.awaitOneUntilAnswered();
    advance(Duration.ofMillis(2_500)); // the request waited for a core, then for Discord

    assertThat(one.tryTake()).as("still in flight: not back a period after the take").isPositive();
    token.answered();
    advance(Duration.ofMillis(999));
    assertThat(one.tryTake()).isEqualTo(Duration.ofMillis(1));
    advance(Duration.ofMillis(1));
    assertThat(one.tryTake()).isZero();
  }

  @Test
  void aTokenHeldUntilAnsweredComesBackAPeriodAfterAPromptAnswerAndWakesTheLine() throws Exception {
    TokenBucket one = new TokenBucket(1, Duration.ofSeconds(1), now::get);
    TokenBucket.Taken token = one.awaitOneUntilAnswered();
    advance(Duration.ofMillis(100));
    token.answered();
    token.answered(); // idempotent: not moved again
    advance(Duration.ofMillis(900));

    assertThat(one.tryTake()).as("1.1 s after the take, 1.0 s after the answer").isEqualTo(Duration.ofMillis(100));
    advance(Duration.ofMillis(100));
    assertThat(one.tryTake()).isZero();
  }

  @Test
  void aTokenWhoseAnswerIsNeverReportedComesBackAfterTheLongestHold() {
    TokenBucket one = new TokenBucket(1, Duration.ofSeconds(1), now::get);
    one.awaitOneUntilAnswered();

    advance(TokenBucket.MAX_HOLD);
    assertThat(one.tryTake()).isEqualTo(Duration.ofSeconds(1));
    advance(Duration.ofSeconds(1));
    assertThat(one.tryTake()).isZero();
  }

  @Test
  void unlimitedNeverMakesAnyoneWait() {
    TokenBucket unlimited = TokenBucket.unlimited();
    for (int i = 0; i < 10_000; i++) assertThat(unlimited.tryTake()).isZero();
  }

  private void drainAll() {
    while (bucket.tryTake().isZero()) {
      // take every token there is
    }
  }

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }
}
