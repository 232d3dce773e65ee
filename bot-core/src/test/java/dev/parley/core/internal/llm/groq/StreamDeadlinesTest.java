package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared sweep that times out stalled attempts. */
class StreamDeadlinesTest {
  private static final Duration PERIOD = Duration.ofMillis(10);

  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
  private final StreamDeadlines deadlines = new StreamDeadlines(timer, PERIOD);

  @AfterEach
  void tearDown() {
    timer.shutdownNow();
  }

  @Test
  void thePeriodIsATenthOfTheShorterTimeoutWithinBounds() {
    assertThat(StreamDeadlines.periodFor(Duration.ofSeconds(30), Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(1));
    assertThat(StreamDeadlines.periodFor(Duration.ofSeconds(5), Duration.ofSeconds(3))).isEqualTo(Duration.ofMillis(300));
    assertThat(StreamDeadlines.periodFor(Duration.ofMillis(400), Duration.ofMillis(800))).isEqualTo(Duration.ofMillis(40));
    assertThat(StreamDeadlines.periodFor(Duration.ofMillis(50), Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void expiresWhatIsPastItsDeadlineOnceAndLeavesTheRest() {
    Stalled late = new Stalled(System.nanoTime());
    Stalled fine = new Stalled(System.nanoTime() + Duration.ofMinutes(5).toNanos());

    deadlines.watch(late);
    deadlines.watch(fine);

    await().atMost(Duration.ofSeconds(5)).until(() -> late.expiries.get() == 1);
    await().during(PERIOD.multipliedBy(10)).atMost(Duration.ofSeconds(5))
        .until(() -> late.expiries.get() == 1 && fine.expiries.get() == 0);
  }

  @Test
  void aDeadlineMovedForwardIsHonouredAndUnwatchedNeverExpires() {
    Stalled moved = new Stalled(System.nanoTime() + Duration.ofMillis(100).toNanos());
    Stalled gone = new Stalled(System.nanoTime());
    deadlines.watch(moved);
    moved.deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    deadlines.unwatch(gone);

    deadlines.watch(new Stalled(System.nanoTime()));
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
        .until(() -> moved.expiries.get() == 0 && gone.expiries.get() == 0);
  }

  @Test
  void anExpiryThatThrowsDoesNotStopTheSweep() {
    Stalled throwing = new Stalled(System.nanoTime()) {
      @Override
      public void expire() {
        super.expire();
        throw new IllegalStateException("a broken listener");
      }
    };
    deadlines.watch(throwing);
    await().atMost(Duration.ofSeconds(5)).until(() -> throwing.expiries.get() == 1);

    Stalled next = new Stalled(System.nanoTime());
    deadlines.watch(next);

    await().atMost(Duration.ofSeconds(5)).until(() -> next.expiries.get() == 1);
  }

  private static class Stalled implements StreamDeadlines.Watched {
    final AtomicInteger expiries = new AtomicInteger();
    volatile long deadline;

    Stalled(long deadline) {
      this.deadline = deadline;
    }

    @Override
    public long deadlineNanos() {
      return deadline;
    }

    @Override
    public void expire() {
      expiries.incrementAndGet();
    }
  }
}
