package dev.parley.core.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.reply.ScriptedReplySink.Call;
import dev.parley.core.reply.ScriptedReplySink.Kind;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Assertions over recorded sink calls: did the throttle stay inside the platform's budget? */
final class BudgetChecks {

  /**
   * How late a call may arrive after its token was taken: the throttle takes the token, builds
   * the text and then calls, and a busy test machine may deschedule it in between.
   */
  static final Duration TAKE_TO_CALL_SLACK = Duration.ofMillis(25);

  private BudgetChecks() {}

  /** Every call that took a channel token (all but the placeholder), of all sinks, by arrival. */
  static List<Call> tokenCalls(ScriptedReplySink... sinks) {
    return Stream.of(sinks)
        .flatMap(sink -> sink.calls().stream())
        .filter(call -> call.kind() != Kind.START)
        .sorted(Comparator.comparingLong(Call::atNanos))
        .toList();
  }

  /**
   * The token bucket's own guarantee: between any two calls, no more than {@code capacity} plus
   * the tokens refilled in between. A plain "at most capacity per period" sliding window is NOT
   * what a continuously refilled bucket promises (a full bucket spent at once plus the refill of
   * the next period can come to almost twice the capacity in one period).
   */
  static void assertWithinBucket(List<Call> calls, int capacity, Duration period) {
    long nanosPerToken = period.toNanos() / capacity;
    for (int i = 0; i < calls.size(); i++) {
      for (int j = i + capacity; j < calls.size(); j++) {
        long spanNanos = calls.get(j).atNanos() - calls.get(i).atNanos() + TAKE_TO_CALL_SLACK.toNanos();
        long refilledNeeded = (long) (j - i + 1 - capacity) * nanosPerToken;
        assertThat(spanNanos)
            .as("calls %d..%d (%d calls) in %d ms", i, j, j - i + 1, spanNanos / 1_000_000)
            .isGreaterThanOrEqualTo(refilledNeeded);
      }
    }
  }

  /** Consecutive calls of one message (placeholder included) at least {@code minInterval} apart. */
  static void assertSpaced(List<Call> calls, Duration minInterval) {
    for (int i = 1; i < calls.size(); i++) {
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
