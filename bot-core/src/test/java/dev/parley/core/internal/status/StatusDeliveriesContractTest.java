package dev.parley.core.internal.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.status.StatusDeliveries.Claim;
import dev.parley.core.internal.status.StatusDeliveries.State;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link StatusDeliveries} must do, run against each implementation. */
public abstract class StatusDeliveriesContractTest {
  private static final String SCOPE = "github:acme/support#7";

  /** A store; for a shared one, each call returns a new instance over the same data. */
  protected abstract StatusDeliveries deliveries();

  @Test
  void aChangeIsClaimedOnceThenInProgressThenDone() {
    StatusDeliveries store = deliveries();

    Claim claim = store.claim(SCOPE, "d-1:closed", "closed:completed:t1");
    assertThat(claim.state()).isEqualTo(State.CLAIMED);
    assertThat(store.claim(SCOPE, "d-1:closed", "closed:completed:t1").state()).isEqualTo(State.IN_PROGRESS);

    store.confirm(SCOPE, "d-1:closed", "closed:completed:t1", claim.token());

    assertThat(store.claim(SCOPE, "d-1:closed", "closed:completed:t1").state()).isEqualTo(State.DONE);
  }

  @Test
  void anotherDeliveryOfTheSameChangeIsKnown() {
    StatusDeliveries store = deliveries();
    Claim claim = store.claim(SCOPE, "d-1:closed", "closed:completed:t1");
    store.confirm(SCOPE, "d-1:closed", "closed:completed:t1", claim.token());

    assertThat(store.claim(SCOPE, "d-2:closed", "closed:completed:t1").state()).isEqualTo(State.DONE);
    assertThat(store.claim(SCOPE, null, "closed:completed:t1").state()).isEqualTo(State.DONE);
  }

  @Test
  void theSameDeliveryIsKnownEvenIfTheChangeLooksNew() {
    StatusDeliveries store = deliveries();
    Claim claim = store.claim(SCOPE, "d-1:closed", "closed:completed:t1");
    store.confirm(SCOPE, "d-1:closed", "closed:completed:t1", claim.token());

    assertThat(store.claim(SCOPE, "d-1:closed", "closed:completed:t2").state()).isEqualTo(State.DONE);
  }

  @Test
  void aReleasedClaimCanBeClaimedAgain() {
    StatusDeliveries store = deliveries();
    Claim first = store.claim(SCOPE, "d-1:closed", "closed:completed:t1");

    store.release(SCOPE, "d-1:closed", "closed:completed:t1", first.token());

    Claim second = store.claim(SCOPE, "d-1:closed", "closed:completed:t1");
    assertThat(second.state()).isEqualTo(State.CLAIMED);
    assertThat(second.token()).isNotEqualTo(first.token());
  }

  @Test
  void aStaleTokenNeitherConfirmsNorReleasesSomeoneElsesClaim() {
    StatusDeliveries store = deliveries();
    Claim first = store.claim(SCOPE, "d-1:closed", "closed:completed:t1");
    store.release(SCOPE, "d-1:closed", "closed:completed:t1", first.token());
    store.claim(SCOPE, "d-1:closed", "closed:completed:t1");

    store.confirm(SCOPE, "d-1:closed", "closed:completed:t1", first.token());
    assertThat(store.claim(SCOPE, "d-1:closed", "closed:completed:t1").state()).isEqualTo(State.IN_PROGRESS);
    store.release(SCOPE, "d-1:closed", "closed:completed:t1", first.token());
    assertThat(store.claim(SCOPE, "d-1:closed", "closed:completed:t1").state()).isEqualTo(State.IN_PROGRESS);
  }

  @Test
  void issuesHaveTheirOwnChanges() {
    StatusDeliveries store = deliveries();
    store.claim(SCOPE, null, "closed:completed:t1");

    assertThat(store.claim("github:acme/support#8", null, "closed:completed:t1").state()).isEqualTo(State.CLAIMED);
  }

  @Test
  void exactlyOneOfManyConcurrentClaimersWins() throws Exception {
    List<StatusDeliveries> instances = List.of(deliveries(), deliveries());
    List<Callable<State>> calls = IntStream.range(0, 8)
        .<Callable<State>>mapToObj(i -> () -> instances.get(i % 2).claim(SCOPE, "d-race:closed", "closed::race").state())
        .toList();
    try (var executor = Executors.newFixedThreadPool(8)) {
      long winners = 0;
      for (Future<State> result : executor.invokeAll(calls)) {
        if (result.get() == State.CLAIMED) winners++;
      }
      assertThat(winners).isEqualTo(1);
    }
  }
}
