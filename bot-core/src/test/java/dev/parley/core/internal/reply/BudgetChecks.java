package dev.parley.core.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.reply.TokenBucket;
import dev.parley.core.internal.reply.ScriptedReplySink.Call;
import dev.parley.core.internal.reply.ScriptedReplySink.Kind;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Assertions over recorded sink calls: did the throttle stay inside the platform's budget? */
final class BudgetChecks {

  /** The bucket counts tokens in doubles. */
  private static final long ROUNDING_NANOS = 1_000;
  private static final ThreadLocal<Long> LAST_BUCKET_READ = ThreadLocal.withInitial(() -> -1L);

  private BudgetChecks() {}

  /**
   * A real-time bucket whose clock remembers, per thread, when it was last read. The throttle's
   * worker reads it in the {@code tryTake()} that won the token right before its sink call, so
   * the sink learns exactly when that call's token was taken, free of scheduling noise.
   */
  static TokenBucket observedBucket(int capacity, Duration period) {
    return new TokenBucket(capacity, period, () -> {
      long now = System.nanoTime();
      LAST_BUCKET_READ.set(now);
      return now;
    });
  }

  static long lastBucketReadOnThisThread() {
    return LAST_BUCKET_READ.get();
  }

  /** Every call that took a channel token (all but the placeholder), of all sinks, by arrival. */
  static List<Call> tokenCalls(ScriptedReplySink... sinks) {
    return Stream.of(sinks)
        .flatMap(sink -> sink.calls().stream())
        .filter(call -> call.kind() != Kind.START)
        .sorted(Comparator.comparingLong(Call::atNanos))
        .toList();
  }

  /**
   * The token bucket's own guarantee, checked on the times the tokens were taken: between any
   * two takes, no more than {@code capacity} plus the tokens refilled in between. A plain "at most
   * capacity per period" sliding window is NOT what a continuously refilled bucket promises (a
   * full bucket spent at once plus the next period's refill come to almost twice the capacity).
   */
  static void assertWithinBucket(List<Call> calls, int capacity, Duration period) {
    long nanosPerToken = period.toNanos() / capacity;
    List<Call> byTake = calls.stream().sorted(Comparator.comparingLong(Call::tokenAtNanos)).toList();
    assertThat(byTake).allSatisfy(call -> assertThat(call.tokenAtNanos()).isNotEqualTo(-1L));
    for (int i = 0; i < byTake.size(); i++) {
      for (int j = i + capacity; j < byTake.size(); j++) {
        long span = byTake.get(j).tokenAtNanos() - byTake.get(i).tokenAtNanos() + ROUNDING_NANOS;
        long refillNeeded = (long) (j - i + 1 - capacity) * nanosPerToken;
        assertThat(span)
            .as("takes %d..%d (%d tokens) in %d ms", i, j, j - i + 1, span / 1_000_000)
            .isGreaterThanOrEqualTo(refillNeeded);
      }
    }
  }

  /**
   * Consecutive calls of one message at least {@code minInterval} apart; the first words may
   * follow the placeholder at once.
   */
  static void assertSpaced(List<Call> calls, Duration minInterval) {
    for (int i = 1; i < calls.size(); i++) {
      if (calls.get(i - 1).kind() == Kind.START) continue;
      long gap = calls.get(i).atNanos() - calls.get(i - 1).atNanos();
      assertThat(gap).as("gap before call %d", i).isGreaterThanOrEqualTo(minInterval.toNanos());
    }
  }

  /** After a rejected call, the next call of that message waited at least its retryAfter. */
  static void assertRetryAfterHonoured(List<Call> calls) {
    for (int i = 0; i + 1 < calls.size(); i++) {
      Duration pause = calls.get(i).rejectedFor();
      if (pause == null) continue;
      long gap = calls.get(i + 1).atNanos() - calls.get(i).atNanos();
      assertThat(gap).as("gap after rejection %d", i).isGreaterThanOrEqualTo(pause.toNanos());
    }
  }

  /** Each update shows a prefix of the final text, and accepted updates strictly grow. */
  static void assertGrowingPrefixes(List<String> updates, List<Call> accepted, String finalText) {
    assertThat(updates).allSatisfy(text -> assertThat(finalText).startsWith(text));
    for (int i = 1; i < accepted.size(); i++) {
      String before = accepted.get(i - 1).text();
      assertThat(accepted.get(i).text()).startsWith(before).hasSizeGreaterThan(before.length());
    }
  }
}
