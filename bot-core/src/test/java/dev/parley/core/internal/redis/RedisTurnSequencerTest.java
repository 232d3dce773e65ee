package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.internal.engine.TurnSequencer.Ticket;
import dev.parley.core.internal.engine.TurnSequencer;
import dev.parley.core.internal.engine.TurnSequencerContractTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisTurnSequencerTest extends TurnSequencerContractTest {

  /**
   * Short enough to test lapses quickly, long enough that a heartbeat (every third of it) delayed
   * by a loaded 2-core machine for a whole second still renews it in time.
   */
  private static final Duration SHORT_LEASE = Duration.ofMillis(1500);
  /** Longer than two leases: whatever outlives it was kept alive by heartbeats. */
  private static final Duration SEVERAL_LEASES = SHORT_LEASE.multipliedBy(3);

  private final TestRedis redis = new TestRedis();
  private final List<RedisTurnSequencer> sequencers = new ArrayList<>();

  @AfterEach
  void closeSequencersAndDeleteKeys() {
    sequencers.forEach(RedisTurnSequencer::close);
    redis.close();
  }

  @Override
  protected TurnSequencer sequencer() {
    return sequencer(RedisTurnSequencer.DEFAULT_LEASE);
  }

  private RedisTurnSequencer sequencer(Duration lease) {
    RedisTurnSequencer sequencer = new RedisTurnSequencer(redis.client(), redis.prefix(), lease);
    sequencers.add(sequencer);
    return sequencer;
  }

  @Test
  void aCrashedHolderBlocksTheNextTicketForOneLeaseOnly() throws Exception {
    RedisTurnSequencer crashing = sequencer(SHORT_LEASE);
    Ticket orphan = crashing.enqueue(A);
    orphan.awaitTurn(LONG);
    crashing.close();
    Ticket next = sequencer(SHORT_LEASE).enqueue(A);
    Ticket last = sequencer(SHORT_LEASE).enqueue(A);

    next.awaitTurn(Duration.ofSeconds(20));
    assertThat(orphan.stillHeld()).isFalse();
    assertThat(next.stillHeld()).isTrue();
    next.close();
    last.awaitTurn(Duration.ofSeconds(20));

    orphan.close();
    assertThat(last.stillHeld()).as("a fenced-off holder's close must not move the line").isTrue();
    last.close();
  }

  @Test
  void heartbeatsKeepALongTurnAndAWaitingTicketAlive() throws Exception {
    RedisTurnSequencer sequencer = sequencer(SHORT_LEASE);
    Ticket holder = sequencer.enqueue(A);
    Ticket handedOffLater = sequencer.enqueue(A);
    Ticket third = sequencer(SHORT_LEASE).enqueue(A);
    holder.awaitTurn(LONG);
    await().during(SEVERAL_LEASES).atMost(SEVERAL_LEASES.multipliedBy(2)).until(holder::stillHeld);

    Future<?> thirdTurn = threads.submit(() -> {
      third.awaitTurn(LONG);
      return null;
    });
    holder.close();

    await().during(SEVERAL_LEASES).atMost(SEVERAL_LEASES.multipliedBy(2)).until(() -> !thirdTurn.isDone());
    handedOffLater.awaitTurn(Duration.ofSeconds(5));
    handedOffLater.close();
    thirdTurn.get(5, TimeUnit.SECONDS);
    third.close();
  }

  @Test
  void everyKeySitsInTheConversationsSlotAndExpiresWhenIdle() {
    Ticket ticket = sequencer().enqueue(A);

    String tag = redis.prefix() + "{slack:T1:C1:1.1}:";
    assertThat(redis.keys()).containsExactlyInAnyOrder(tag + "seq:next", tag + "seq:serving", tag + "seq:alive");
    for (String key : redis.keys()) assertThat(redis.client().pttl(key)).isPositive();
    ticket.close();
  }
}
