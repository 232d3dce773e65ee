package dev.parley.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
  private final TokenBucket bucket = new TokenBucket(5, Duration.ofSeconds(1), now::get);

  @Test
  void startsFullAndThenSaysWhenTheNextTokenIsDue() {
    for (int i = 0; i < 5; i++) assertThat(bucket.tryTake()).isZero();

    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(200));
    advance(Duration.ofMillis(150));
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(50));
    advance(Duration.ofMillis(50));
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void anEmptyBucketTakesNothingWhenAsked() {
    drainAll();
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(200));
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(200));
    advance(Duration.ofMillis(200));
    assertThat(bucket.tryTake()).isZero();
  }

  @Test
  void refillsContinuouslyButNeverBeyondCapacity() {
    drainAll();
    advance(Duration.ofMillis(400));
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isPositive();

    advance(Duration.ofMinutes(10));
    for (int i = 0; i < 5; i++) assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void drainForHoldsEveryTakerBackForThePauseAndOneToken() {
    bucket.drainFor(Duration.ofSeconds(2));

    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(2_200));
    advance(Duration.ofSeconds(2));
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(200));
    advance(Duration.ofMillis(200));
    assertThat(bucket.tryTake()).isZero();
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
