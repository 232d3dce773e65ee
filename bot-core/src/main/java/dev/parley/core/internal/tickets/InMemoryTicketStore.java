package dev.parley.core.internal.tickets;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps tickets in this process, per tenant; lost on restart. The local default and a test fake.
 * Thread-safe.
 */
public final class InMemoryTicketStore implements TicketLedger {

  private final Map<String, Ticket> byTenantAndId = new HashMap<>();
  private final Map<String, Ticket> byIdempotencyKey = new HashMap<>();
  private final Map<String, Long> lastNumberByTenant = new HashMap<>();
  private final Map<String, List<String>> idsByThread = new HashMap<>();
  private final Map<String, String> byExternal = new HashMap<>();
  private final Map<String, Instant> claimedUntil = new HashMap<>();
  private final Map<String, Instant> firstAttempts = new HashMap<>();
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
    if (existing != null) return byTenantAndId.get(tenant + "|" + existing.id());
    long number = lastNumberByTenant.merge(tenant, 1L, Long::sum);
    Ticket created = TicketIds.open(ids.id(number), ticket, clock.instant());
    byTenantAndId.put(tenant + "|" + created.id(), created);
    byIdempotencyKey.put(tenant + "|" + idempotencyKey, created);
    idsByThread.computeIfAbsent(ticket.conversation().asString(), k -> new ArrayList<>()).add(created.id());
    return created;
  }

  @Override
  public synchronized Optional<Ticket> find(String tenantScope, String id) {
    Objects.requireNonNull(tenantScope, "tenantScope");
    return Optional.ofNullable(byTenantAndId.get(tenantScope + "|" + TicketIds.normalize(id)));
  }

  @Override
  public synchronized Optional<Ticket> findByKey(String tenantScope, String idempotencyKey) {
    Ticket reserved = byIdempotencyKey.get(tenantScope + "|" + idempotencyKey);
    return reserved == null ? Optional.empty() : find(tenantScope, reserved.id());
  }

  @Override
  public synchronized boolean tryClaim(Ticket ticket, Duration lease) {
    String key = key(ticket);
    Instant now = clock.instant();
    Instant until = claimedUntil.get(key);
    if (until != null && until.isAfter(now)) return false;
    claimedUntil.put(key, now.plus(lease));
    return true;
  }

  @Override
  public synchronized void release(Ticket ticket) {
    claimedUntil.remove(key(ticket));
  }

  @Override
  public synchronized Optional<Instant> earlierAttempt(Ticket ticket, Instant now) {
    return Optional.ofNullable(firstAttempts.putIfAbsent(key(ticket), now));
  }

  @Override
  public synchronized void forgetAttempt(Ticket ticket) {
    firstAttempts.remove(key(ticket));
  }

  @Override
  public synchronized Ticket recordExternal(Ticket ticket, String backend, String externalId, String externalUrl) {
    Ticket recorded = ticket.withExternal(backend, externalId, externalUrl);
    byTenantAndId.put(key(ticket), recorded);
    byExternal.put(backend + "|" + externalId, key(ticket));
    return recorded;
  }

  @Override
  public synchronized List<Ticket> fromThread(ConversationKey thread, int limit) {
    List<String> threadIds = idsByThread.getOrDefault(thread.asString(), List.of());
    List<Ticket> tickets = new ArrayList<>();
    for (int i = threadIds.size() - 1; i >= 0 && tickets.size() < limit; i--) {
      find(thread.tenantScope(), threadIds.get(i)).ifPresent(tickets::add);
    }
    return tickets;
  }

  @Override
  public synchronized Optional<Ticket> findByExternal(String backend, String externalId) {
    return Optional.ofNullable(byExternal.get(backend + "|" + externalId)).map(byTenantAndId::get);
  }

  private static String key(Ticket ticket) {
    return ticket.conversation().tenantScope() + "|" + ticket.id();
  }
}
