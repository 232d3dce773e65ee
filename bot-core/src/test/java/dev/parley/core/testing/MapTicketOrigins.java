package dev.parley.core.testing;

import dev.parley.core.api.Ticket;
import dev.parley.core.internal.tickets.TicketOrigins;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TicketOrigins} over a map, for tests until the ticket stores implement it. Thread-safe. */
public final class MapTicketOrigins implements TicketOrigins {
  private final Map<String, Ticket> byExternal = new ConcurrentHashMap<>();

  /** Records that Parley made {@code ticket} as {@code externalId} in {@code backend}. */
  public MapTicketOrigins with(String backend, String externalId, Ticket ticket) {
    byExternal.put(backend + "|" + externalId, ticket);
    return this;
  }

  @Override
  public Optional<Ticket> findByExternal(String backend, String externalId) {
    return Optional.ofNullable(byExternal.get(backend + "|" + externalId));
  }
}
