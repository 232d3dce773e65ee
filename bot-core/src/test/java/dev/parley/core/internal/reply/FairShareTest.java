package dev.parley.core.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.TokenBucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bucket as a scheduler: who gets the next token, on a clock the test moves. */
class FairShareTest {
  private final AtomicLong now = new AtomicLong(-7_000_000_000L); // nanoTime may be negative
  private final TokenBucket bucket = new TokenBucket(1, Duration.ofSeconds(1), now::get);

  @Test
  void busyRepliesAreServedInTurnWhateverOrderTheyAskIn() {
    List<TokenBucket.Lane> lanes = List.of(bucket.join(), bucket.join(), bucket.join());
    List<Integer> served = new ArrayList<>();
    Random random = new Random(11);
    for (int step = 0; step < 12; step++) {
      List<Integer> askOrder = new ArrayList<>(List.of(0, 1, 2));
      Collections.shuffle(askOrder, random);
      for (int i : askOrder) {
        if (lanes.get(i).tryAcquire().isZero()) served.add(i);
      }
      advance(Duration.ofSeconds(1));
    }

    assertThat(served).hasSize(12);
    for (int i = 3; i < served.size(); i++) {
      assertThat(served.subList(i - 3, i)).as("every window of three grants serves each reply once")
          .containsExactlyInAnyOrder(0, 1, 2);
    }
  }

  @Test
  void aReplyNeverServedGoesBeforeEveryReplyAlreadyServed() {
    TokenBucket.Lane early = bucket.join();
    TokenBucket.Lane other = bucket.join();
    assertThat(early.tryAcquire()).isZero();
    advance(Duration.ofSeconds(1));
    assertThat(other.tryAcquire()).isZero();
    early.tryAcquire(); // waits in line from now on

    TokenBucket.Lane late = bucket.join();
    assertThat(late.tryAcquire()).as("no token yet").isPositive();
    advance(Duration.ofSeconds(1));

    assertThat(early.tryAcquire()).as("waited longer, but was served before").isPositive();
    assertThat(late.tryAcquire()).as("its first words go first").isZero();
    advance(Duration.ofSeconds(1));
    assertThat(early.tryAcquire()).isZero();
  }

  @Test
  void aFinalEditGoesFirstEvenFromTheReplyServedLast() {
    TokenBucket.Lane waiting = bucket.join();
    TokenBucket.Lane finishing = bucket.join();
    assertThat(waiting.tryAcquire()).isZero();
    advance(Duration.ofSeconds(1));
    assertThat(finishing.tryAcquire()).isZero();
    assertThat(waiting.tryAcquire()).isPositive();
    assertThat(finishing.tryAcquire()).isPositive();

    finishing.urgent();
    advance(Duration.ofSeconds(1));

    assertThat(waiting.tryAcquire()).as("served longer ago, but not final").isPositive();
    assertThat(finishing.tryAcquire()).as("the final edit").isZero();
    advance(Duration.ofSeconds(1));
    assertThat(waiting.tryAcquire()).isZero();
  }

  @Test
  void aReplyThatLeftNoLongerHoldsUpTheLine() {
    TokenBucket.Lane first = bucket.join();
    TokenBucket.Lane gone = bucket.join();
    assertThat(first.tryAcquire()).isZero();
    assertThat(gone.tryAcquire()).isPositive();
    first.tryAcquire();

    gone.close();
    advance(Duration.ofSeconds(1));

    assertThat(first.tryAcquire()).isZero();
  }

  @Test
  void theFairShareGrowsAndShrinksWithTheLiveReplies() {
    TokenBucket discordChannel = new TokenBucket(5, Duration.ofSeconds(5), now::get);
    assertThat(discordChannel.fairShare()).isEqualTo(Duration.ofSeconds(1));
    List<TokenBucket.Lane> lanes = new ArrayList<>();
    for (int i = 0; i < 10; i++) lanes.add(discordChannel.join());

    assertThat(discordChannel.liveReplies()).isEqualTo(10);
    assertThat(discordChannel.fairShare()).isEqualTo(Duration.ofSeconds(10));

    lanes.forEach(TokenBucket.Lane::close);
    assertThat(discordChannel.fairShare()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aBudgetPermitsTheLongestOfItsIntervalAndEachBucketsShare() {
    TokenBucket global = new TokenBucket(50, Duration.ofSeconds(1), now::get);
    TokenBucket channel = new TokenBucket(5, Duration.ofSeconds(5), now::get);
    EditBudget budget = EditBudget.of(Duration.ofMillis(500), channel, global);
    assertThat(budget.permittedInterval()).isEqualTo(Duration.ofSeconds(1));

    for (int i = 0; i < 3; i++) channel.join();
    assertThat(budget.permittedInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(budget.channelBucket()).isSameAs(channel);
  }

  @Test
  void aOneShotPostTakesItsTokenWhenTheBucketHasOne() {
    bucket.awaitOne();

    assertThat(bucket.tryTake()).as("the one-shot took the only token").isEqualTo(Duration.ofSeconds(1));
    assertThat(bucket.liveReplies()).as("a one-shot is no live reply").isZero();
  }

  @Test
  void streamingCallsKeepToTheSteadyPaceAfterAShortBurstWhileAFinalEditDoesNot() {
    TokenBucket tier4 = new TokenBucket(100, Duration.ofMinutes(1), now::get);
    TokenBucket.Lane streaming = tier4.join();
    TokenBucket.Lane finishing = tier4.join();
    assertThat(tier4.burst()).isEqualTo(10);
    for (int i = 0; i < 10; i++) assertThat(streaming.tryAcquire()).as("burst call %d", i).isZero();

    assertThat(streaming.tryAcquire()).as("then one every 600 ms, not the minute's budget at once")
        .isEqualTo(Duration.ofMillis(600));
    finishing.urgent();
    assertThat(finishing.tryAcquire()).as("a final edit is bound by the window alone").isZero();
    advance(Duration.ofMillis(600));
    assertThat(streaming.tryAcquire()).as("the final edit spent this step").isPositive();
    advance(Duration.ofMillis(600));
    assertThat(streaming.tryAcquire()).isZero();
  }

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }
}
