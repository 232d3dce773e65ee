package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.engine.TurnSequencer.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every {@link TurnSequencer} must do, run against each implementation. */
public abstract class TurnSequencerContractTest {

  protected static final ConversationKey A = new ConversationKey("slack", "T1", "C1", "1.1");
  protected static final ConversationKey B = new ConversationKey("slack", "T1", "C1", "2.2");
  protected static final Duration LONG = Duration.ofSeconds(10);

  protected final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  /** A sequencer; for a shared store each call stands for another bot process on the same data. */
  protected abstract TurnSequencer sequencer();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void turnsRunInArrivalOrderAndNeverOverlapAcrossInstances() throws Exception {
    List<TurnSequencer> instances = List.of(sequencer(), sequencer());
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < 8; i++) tickets.add(instances.get(i % 2).enqueue(A));
    Queue<String> events = new ConcurrentLinkedQueue<>();
    AtomicInteger running = new AtomicInteger();
    List<Future<?>> turns = new ArrayList<>();
    for (int i = tickets.size() - 1; i >= 0; i--) {
      int n = i;
      turns.add(threads.submit(() -> runTurn(tickets.get(n), n, events, running)));
    }
    for (Future<?> turn : turns) turn.get(30, TimeUnit.SECONDS);

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < tickets.size(); i++) expected.addAll(List.of("start " + i, "end " + i));
    assertThat(events).containsExactlyElementsOf(expected);
  }

  private static Void runTurn(Ticket ticket, int n, Queue<String> events, AtomicInteger running) throws Exception {
    try (ticket) {
      ticket.awaitTurn(LONG);
      events.add("start " + n);
      if (running.incrementAndGet() != 1) events.add("overlap at " + n);
      if (!ticket.stillHeld()) events.add("lost the turn at " + n);
      running.decrementAndGet();
      events.add("end " + n);
    }
    return null;
  }

  @Test
  void differentConversationsDoNotWaitForEachOther() throws Exception {
    TurnSequencer sequencer = sequencer();
    try (Ticket holder = sequencer.enqueue(A); Ticket other = sequencer().enqueue(B);
        Ticket behind = sequencer.enqueue(A)) {
      holder.awaitTurn(LONG);

      other.awaitTurn(Duration.ofSeconds(2));
      assertThat(other.stillHeld()).isTrue();
      assertThatThrownBy(() -> behind.awaitTurn(Duration.ofMillis(200))).isInstanceOf(TimeoutException.class);
    }
  }

  @Test
  void aTicketThatTimedOutIsSkipped() throws Exception {
    TurnSequencer sequencer = sequencer();
    Ticket first = sequencer.enqueue(A);
    Ticket impatient = sequencer().enqueue(A);
    Ticket third = sequencer.enqueue(A);
    first.awaitTurn(LONG);

    assertThatThrownBy(() -> impatient.awaitTurn(Duration.ofMillis(150))).isInstanceOf(TimeoutException.class);
    Future<?> thirdTurn = threads.submit(() -> {
      third.awaitTurn(LONG);
      return null;
    });
    first.close();

    thirdTurn.get(5, TimeUnit.SECONDS);
    assertThat(third.stillHeld()).isTrue();
    impatient.close();
    third.close();
  }

  @Test
  void aTicketClosedBeforeItsTurnIsSkipped() throws Exception {
    TurnSequencer sequencer = sequencer();
    Ticket first = sequencer.enqueue(A);
    Ticket dropped = sequencer.enqueue(A);
    try (Ticket third = sequencer().enqueue(A)) {
      first.awaitTurn(LONG);
      dropped.close();
      first.close();

      third.awaitTurn(Duration.ofSeconds(5));
      assertThat(third.stillHeld()).isTrue();
    }
  }

  @Test
  void closeIsIdempotentAndEndsTheHold() throws Exception {
    TurnSequencer sequencer = sequencer();
    Ticket first = sequencer.enqueue(A);
    Ticket second = sequencer.enqueue(A);
    Ticket third = sequencer.enqueue(A);
    first.awaitTurn(LONG);
    assertThat(first.stillHeld()).isTrue();

    first.close();
    assertThat(first.stillHeld()).isFalse();
    second.awaitTurn(Duration.ofSeconds(5));
    first.close();

    assertThat(second.stillHeld()).isTrue();
    assertThatThrownBy(() -> third.awaitTurn(Duration.ofMillis(200))).isInstanceOf(TimeoutException.class);
    second.close();
    third.close();
  }
}
