package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.RequestLimit;
import dev.parley.core.internal.engine.RequestLimiter.Decision;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What every {@link RequestLimiter} must do, run against each implementation. */
public abstract class RequestLimiterContractTest {

  private static final ConversationKey A = new ConversationKey("slack", "T1", "C1", "1.1");
  private static final ConversationKey B = new ConversationKey("slack", "T1", "C1", "2.2");
  private static final ConversationKey C = new ConversationKey("slack", "T1", "C2", "3.3");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  protected abstract RequestLimiter limiter(Function<ConversationKey, RequestLimits> limits);

  private RequestLimiter limiter(RequestLimit perUser, RequestLimit perConversation) {
    return limiter(key -> new RequestLimits(perUser, perConversation));
  }

  @Test
  void userLimitSpansConversationsAndSaysWhenToRetry() {
    RequestLimiter limiter = limiter(new RequestLimit(2, MINUTE), RequestLimit.UNLIMITED);

    assertThat(limiter.tryAcquire("U1", A).allowed()).isTrue();
    assertThat(limiter.tryAcquire("U1", B).allowed()).isTrue();
    Decision denied = limiter.tryAcquire("U1", C);

    assertThat(denied.allowed()).isFalse();
    assertThat(denied.scope()).isEqualTo("user");
    assertThat(denied.retryAfter()).isPositive().isLessThanOrEqualTo(MINUTE);
    assertThat(limiter.tryAcquire("U2", C).allowed()).isTrue();
  }

  @Test
  void conversationLimitCountsEveryUser() {
    RequestLimiter limiter = limiter(RequestLimit.UNLIMITED, new RequestLimit(2, MINUTE));

    assertThat(limiter.tryAcquire("U1", A).allowed()).isTrue();
    assertThat(limiter.tryAcquire("U2", A).allowed()).isTrue();
    Decision denied = limiter.tryAcquire("U3", A);

    assertThat(denied).extracting(Decision::allowed, Decision::scope).containsExactly(false, "conversation");
    assertThat(denied.retryAfter()).isPositive().isLessThanOrEqualTo(MINUTE);
    assertThat(limiter.tryAcquire("U3", B).allowed()).isTrue();
  }

  @Test
  void aDeniedRequestConsumesNeitherCounter() {
    RequestLimiter limiter = limiter(new RequestLimit(2, MINUTE), new RequestLimit(1, MINUTE));

    assertThat(limiter.tryAcquire("U1", A).allowed()).isTrue();
    assertThat(limiter.tryAcquire("U1", A).scope()).isEqualTo("conversation");
    assertThat(limiter.tryAcquire("U1", B).allowed()).isTrue();
    assertThat(limiter.tryAcquire("U1", C).scope()).isEqualTo("user");
    assertThat(limiter.tryAcquire("U2", C).allowed()).isTrue();
  }

  @Test
  void aRequestGivenBackFreesItsPlaceInBothWindowsAndNeverGoesBelowZero() {
    RequestLimiter limiter = limiter(new RequestLimit(1, MINUTE), new RequestLimit(1, MINUTE));
    limiter.giveBack("U1", A);
    assertThat(limiter.tryAcquire("U1", A).allowed()).isTrue();
    assertThat(limiter.tryAcquire("U1", A).allowed()).isFalse();

    limiter.giveBack("U1", A);

    assertThat(limiter.tryAcquire("U1", A).allowed()).as("room again, in both windows").isTrue();
    assertThat(limiter.tryAcquire("U1", A).allowed()).as("exactly one given back").isFalse();
  }

  @Test
  void aNewWindowStartsAfterTheOldOneEnds() {
    // Windows run on the store's own clock (Redis expires keys itself), so this waits in real
    // time; a 3 s window leaves a stalled 2-core machine 3 s between two calls that must share it.
    Duration window = Duration.ofSeconds(3);
    RequestLimiter limiter = limiter(new RequestLimit(1, window), RequestLimit.UNLIMITED);
    assertThat(limiter.tryAcquire("U1", A).allowed()).isTrue();
    assertThat(limiter.tryAcquire("U1", A).allowed()).isFalse();

    await().atMost(window.multipliedBy(5)).pollInterval(Duration.ofMillis(100))
        .until(() -> limiter.tryAcquire("U1", A).allowed());
    assertThat(limiter.tryAcquire("U1", A).allowed()).isFalse();
  }

  @Test
  void zeroMeansUnlimited() {
    RequestLimiter limiter = limiter(RequestLimit.UNLIMITED, RequestLimit.UNLIMITED);

    for (int i = 0; i < 50; i++) assertThat(limiter.tryAcquire("U1", A)).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void eachChannelMayHaveItsOwnLimits() {
    RequestLimiter limiter = limiter(key -> key.channel().equals("C1")
        ? new RequestLimits(RequestLimit.UNLIMITED, new RequestLimit(1, MINUTE))
        : RequestLimits.UNLIMITED);

    assertThat(limiter.tryAcquire("U1", A).allowed()).isTrue();
    assertThat(limiter.tryAcquire("U1", A).allowed()).isFalse();
    assertThat(limiter.tryAcquire("U1", C).allowed()).isTrue();
    assertThat(limiter.tryAcquire("U1", C).allowed()).isTrue();
  }
}
