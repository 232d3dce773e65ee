package dev.parley.core.internal.engine;

import dev.parley.core.api.NewTicket;
import dev.parley.core.api.TicketDesk;
import dev.parley.core.api.TicketOutcome;
import dev.parley.core.internal.tickets.TicketBackendException;
import dev.parley.core.internal.tickets.TicketQuota;
import dev.parley.core.internal.tickets.TicketStore;

/**
 * Tickets opened by a command rather than by the model. They cost what a question costs (the
 * request limits) and count against the same daily cap as the model's tickets, so a command is no
 * way around either. Thread-safe.
 */
final class DirectTickets implements TicketDesk {
  private final RequestLimiter limiter;
  private final TicketQuota quota;
  private final TicketStore store;

  DirectTickets(RequestLimiter limiter, TicketQuota quota, TicketStore store) {
    this.limiter = limiter;
    this.quota = quota;
    this.store = store;
  }

  @Override
  public TicketOutcome createTicket(NewTicket ticket, String eventId) {
    RequestLimiter.Decision decision = limiter.tryAcquire(ticket.reporterId(), ticket.conversation());
    if (!decision.allowed()) return TicketOutcome.refused(Notices.limited(decision));
    if (!quota.tryTake(ticket.conversation().tenantScope(), ticket.reporterId())) {
      return TicketOutcome.refused(TicketQuota.overCapNotice(quota.dailyCap()));
    }
    try {
      return TicketOutcome.opened(store.create(ticket, ticket.conversation().asString() + "|" + eventId));
    } catch (TicketBackendException e) {
      // The tracker refused or is away: the person hears why, and the same command may be sent again.
      return TicketOutcome.refused("No ticket was opened: " + e.notice());
    }
  }
}
