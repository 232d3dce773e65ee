package dev.parley.core.tickets;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Keeps tickets in this process; lost on restart. The local default and a test fake. Thread-safe. */
public final class InMemoryTicketStore implements TicketStore {

  private final Map<String, Ticket> byId = new HashMap<>();
  private final Map<String, Ticket> byIdempotencyKey = new HashMap<>();
  private final TicketIds ids;
  private final Clock clock;
  private long lastNumber;

  public InMemoryTicketStore() {
    this(TicketIds.DEFAULT, Clock.systemUTC());
  }

  public InMemoryTicketStore(TicketIds ids, Clock clock) {
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Ticket create(NewTicket ticket, String idempotencyKey) {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Ticket existing = byIdempotencyKey.get(idempotencyKey);
    if (existing != null) return existing;
    Ticket created = TicketIds.open(ids.id(++lastNumber), ticket, clock.instant());
    byId.put(created.id(), created);
    byIdempotencyKey.put(idempotencyKey, created);
    return created;
  }

  @Override
  public synchronized Optional<Ticket> find(String id) {
    return Optional.ofNullable(byId.get(TicketIds.normalize(id)));
  }
}
