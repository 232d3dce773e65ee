package dev.parley.core.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ConversationKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link TicketStore} must do, run against each implementation. */
public abstract class TicketStoreContractTest {

  protected static final ConversationKey THREAD = new ConversationKey("slack", "T1", "C1", "123.45");

  /** A store with ids prefixed {@code SUP}; for a shared store, a new instance over the same data. */
  protected abstract TicketStore store();

  protected static NewTicket printerBroken() {
    return new NewTicket("Printer on 3 is broken", "It prints only \"lorem\".", "high", "U1", "Ada",
        THREAD, "https://example.slack.com/archives/C1/p123");
  }

  @Test
  void createdTicketIsOpenAndFoundByIdInAnyCase() {
    TicketStore store = store();
    Ticket created = store.create(printerBroken(), "call_1");

    assertThat(created.id()).isEqualTo("SUP-1");
    assertThat(created.status()).isEqualTo("open");
    assertThat(created).usingRecursiveComparison().ignoringFields("id", "status", "createdAt")
        .isEqualTo(printerBroken());
    assertThat(store.find("SUP-1")).contains(created);
    assertThat(store().find("sup-1")).contains(created);
    assertThat(store.find(" Sup-1 ")).contains(created);
  }

  @Test
  void idsCountUpWithThePrefix() {
    TicketStore store = store();

    assertThat(store.create(printerBroken(), "a").id()).isEqualTo("SUP-1");
    assertThat(store.create(printerBroken(), "b").id()).isEqualTo("SUP-2");
    assertThat(store().create(printerBroken(), "c").id()).isEqualTo("SUP-3");
  }

  @Test
  void unknownIdIsEmpty() {
    assertThat(store().find("SUP-404")).isEmpty();
  }

  @Test
  void theSameIdempotencyKeyTwiceCreatesOneTicket() {
    TicketStore store = store();
    Ticket first = store.create(printerBroken(), "Ev123");
    Ticket again = store.create(new NewTicket("other", "other", null, "U2", null, THREAD, null), "Ev123");

    assertThat(again).isEqualTo(first);
    assertThat(store.find("SUP-2")).isEmpty();
  }

  @Test
  void concurrentDeliveriesFromTwoInstancesCreateExactlyOneTicket() throws Exception {
    List<TicketStore> instances = List.of(store(), store());
    List<Callable<Ticket>> calls = IntStream.range(0, 8)
        .<Callable<Ticket>>mapToObj(i -> () -> instances.get(i % 2).create(printerBroken(), "call_race"))
        .toList();
    Set<Ticket> results = new HashSet<>();
    try (var executor = Executors.newFixedThreadPool(8)) {
      for (Future<Ticket> result : executor.invokeAll(calls)) results.add(result.get());
    }

    assertThat(results).hasSize(1);
    assertThat(results.iterator().next().id()).isEqualTo("SUP-1");
    assertThat(store().find("SUP-2")).isEmpty();
  }
}
