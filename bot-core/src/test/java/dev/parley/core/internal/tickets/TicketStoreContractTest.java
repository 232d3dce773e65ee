package dev.parley.core.internal.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import java.time.Duration;
import java.time.Instant;
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
  protected static final String TENANT = THREAD.tenantScope();
  /** Another tenant that reuses the channel and thread ids of {@link #THREAD}. */
  protected static final ConversationKey GUILD_THREAD = new ConversationKey("discord", "G9", "C1", "123.45");

  /** A store with ids prefixed {@code SUP}; for a shared store, a new instance over the same data. */
  protected abstract TicketStore store();

  protected static NewTicket printerBroken() {
    return printerBroken(THREAD);
  }

  protected static NewTicket printerBroken(ConversationKey where) {
    return new NewTicket("Printer on 3 is broken", "It prints only \"lorem\".", "high", "U1", "Ada",
        where, "https://example.slack.com/archives/C1/p123");
  }

  @Test
  void createdTicketIsOpenAndFoundByIdInAnyCase() {
    TicketStore store = store();
    Ticket created = store.create(printerBroken(), "call_1");

    assertThat(created.id()).isEqualTo("SUP-1");
    assertThat(created.status()).isEqualTo("open");
    assertThat(created).usingRecursiveComparison().ignoringFields("id", "status", "createdAt", "backend", "externalId", "externalUrl")
        .isEqualTo(printerBroken());
    assertThat(store.find(TENANT, "SUP-1")).contains(created);
    assertThat(store().find(TENANT, "sup-1")).contains(created);
    assertThat(store.find(TENANT, " Sup-1 ")).contains(created);
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
    assertThat(store().find(TENANT, "SUP-404")).isEmpty();
  }

  @Test
  void eachTenantNumbersItsOwnTicketsFromOne() {
    TicketStore store = store();

    Ticket slack = store.create(printerBroken(THREAD), "a");
    Ticket discord = store.create(printerBroken(GUILD_THREAD), "a");

    assertThat(slack.id()).isEqualTo("SUP-1");
    assertThat(discord.id()).isEqualTo("SUP-1");
    assertThat(store.create(printerBroken(GUILD_THREAD), "b").id()).isEqualTo("SUP-2");
    assertThat(store().find(THREAD.tenantScope(), "SUP-1")).contains(slack);
    assertThat(store().find(GUILD_THREAD.tenantScope(), "SUP-1")).contains(discord);
  }

  @Test
  void aTicketOfAnotherTenantIsNotFoundLikeOneThatDoesNotExist() {
    TicketStore store = store();
    store.create(printerBroken(THREAD), "a");
    store.create(printerBroken(THREAD), "b");

    assertThat(store.find(GUILD_THREAD.tenantScope(), "SUP-2")).isEmpty();
    assertThat(store.find("slack:T2", "SUP-1")).isEmpty();
    assertThat(store.find(TENANT, "SUP-2")).isPresent();
  }

  @Test
  void theSameIdempotencyKeyInTwoTenantsCreatesTwoTickets() {
    TicketStore store = store();

    store.create(printerBroken(THREAD), "call_0");
    store.create(printerBroken(GUILD_THREAD), "call_0");

    assertThat(store.find(THREAD.tenantScope(), "SUP-1")).isPresent();
    assertThat(store.find(GUILD_THREAD.tenantScope(), "SUP-1")).isPresent();
  }

  @Test
  void theSameIdempotencyKeyTwiceCreatesOneTicket() {
    TicketStore store = store();
    Ticket first = store.create(printerBroken(), "Ev123");
    Ticket again = store.create(new NewTicket("other", "other", null, "U2", null, THREAD, null), "Ev123");

    assertThat(again).isEqualTo(first);
    assertThat(store.find(TENANT, "SUP-2")).isEmpty();
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
    assertThat(store().find(TENANT, "SUP-2")).isEmpty();
  }

  // ---- the ledger a tracker needs ----

  private TicketLedger ledger() {
    return (TicketLedger) store();
  }

  @Test
  void aRecordedTrackerIdIsKeptOnTheTicketAndFoundFromAnyInstance() {
    Ticket reserved = ledger().create(printerBroken(), "call_1");

    Ticket recorded = ledger().recordExternal(reserved, "github", "acme/support#12", "https://github.com/acme/support/issues/12");

    assertThat(recorded.externalId()).isEqualTo("acme/support#12");
    assertThat(ledger().find(TENANT, "SUP-1")).contains(recorded);
    assertThat(ledger().findByExternal("github", "acme/support#12")).contains(recorded);
    assertThat(ledger().findByExternal("jira", "acme/support#12")).isEmpty();
    assertThat(ledger().create(printerBroken(), "call_1")).isEqualTo(recorded);
    assertThat(ledger().findByKey(TENANT, "call_1")).contains(recorded);
    assertThat(ledger().findByKey(GUILD_THREAD.tenantScope(), "call_1")).isEmpty();
  }

  @Test
  void ticketsOfOneThreadAreListedNewestFirstAndNoOtherThreads() {
    Ticket first = ledger().create(printerBroken(THREAD), "a");
    ledger().create(printerBroken(new ConversationKey("slack", "T1", "C1", "999.1")), "b");
    Ticket second = ledger().create(printerBroken(THREAD), "c");

    assertThat(ledger().fromThread(THREAD, 5)).containsExactly(second, first);
    assertThat(ledger().fromThread(THREAD, 1)).containsExactly(second);
    assertThat(ledger().fromThread(GUILD_THREAD, 5)).isEmpty();
  }

  @Test
  void oneCallerAtATimeHoldsTheClaimAndTheFirstAttemptIsRemembered() {
    Ticket ticket = ledger().create(printerBroken(), "a");
    Instant first = Instant.parse("2026-11-30T09:00:00Z");

    assertThat(ledger().tryClaim(ticket, Duration.ofMinutes(1))).isTrue();
    assertThat(ledger().tryClaim(ticket, Duration.ofMinutes(1))).isFalse();
    ledger().release(ticket);
    assertThat(ledger().tryClaim(ticket, Duration.ofMinutes(1))).isTrue();
    assertThat(ledger().earlierAttempt(ticket, first)).isEmpty();
    assertThat(ledger().earlierAttempt(ticket, first)).contains(first);
    assertThat(ledger().earlierAttempt(ticket, first.plusSeconds(30))).contains(first);
  }
}
