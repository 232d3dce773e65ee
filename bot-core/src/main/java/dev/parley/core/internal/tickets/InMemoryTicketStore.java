package dev.parley.core.internal.tickets;

import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps tickets in this process, per tenant; lost on restart. The local default and a test fake.
 * Thread-safe.
 */
public final class InMemoryTicketStore implements TicketStore {

  private final Map<String, Ticket> byTenantAndId = new HashMap<>();
  private final Map<String, Ticket> byIdempotencyKey = new HashMap<>();
  private final Map<String, Long> lastNumberByTenant = new HashMap<>();
  private final TicketIds ids;
  private final Clock clock;

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
    String tenant = ticket.conversation().tenantScope();
    Ticket existing = byIdempotencyKey.get(tenant + "|" + idempotencyKey);
    if (existing != null) return existing;
    long number = lastNumberByTenant.merge(tenant, 1L, Long::sum);
    Ticket created = TicketIds.open(ids.id(number), ticket, clock.instant());
    byTenantAndId.put(tenant + "|" + created.id(), created);
    byIdempotencyKey.put(tenant + "|" + idempotencyKey, created);
    return created;
  }

  @Override
  public synchronized Optional<Ticket> find(String tenantScope, String id) {
    Objects.requireNonNull(tenantScope, "tenantScope");
    return Optional.ofNullable(byTenantAndId.get(tenantScope + "|" + TicketIds.normalize(id)));
  }
}
