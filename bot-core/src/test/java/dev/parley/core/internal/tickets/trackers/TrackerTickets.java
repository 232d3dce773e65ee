package dev.parley.core.internal.tickets.trackers;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.tickets.TicketIds;
import java.time.Instant;

/** Tickets as the ledger hands them to a backend, for the backends' protocol tests. */
final class TrackerTickets {
  static final ConversationKey THREAD = new ConversationKey("slack", "T1", "C1", "123.45");

  private TrackerTickets() {}

  static Ticket printerBroken() {
    return TicketIds.open("SUP-7", new NewTicket("Printer on 3 is broken", "It prints only lorem.\n\nAsk @ops-team.",
        "high", "U1", "Ada", THREAD, "https://acme.slack.com/archives/C1/p12345?thread_ts=123.45"), Instant.now());
  }
}
