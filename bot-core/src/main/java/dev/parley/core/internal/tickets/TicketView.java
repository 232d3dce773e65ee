package dev.parley.core.internal.tickets;

import dev.parley.core.api.Ticket;
import java.util.Objects;

/**
 * A ticket as people see it now: Parley's record, with the title, status and assignee the tracker
 * reports live (or the recorded ones when the ticket lives only in Parley, or the tracker could
 * not be read).
 *
 * @param live whether the state was read from the tracker just now
 */
public record TicketView(Ticket ticket, String title, String status, boolean open, String assignee, String url,
    boolean live) {
  public TicketView {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
  }

  /** The view of what Parley recorded, without asking any tracker. */
  public static TicketView recorded(Ticket ticket) {
    return new TicketView(ticket, ticket.title(), ticket.status(), !"closed".equals(ticket.status()), null,
        ticket.externalUrl(), false);
  }

  /** Parley's record with the tracker's live state. */
  public static TicketView live(Ticket ticket, TrackerIssue issue) {
    return new TicketView(ticket, issue.title() == null ? ticket.title() : issue.title(), issue.status(), issue.open(),
        issue.assignee(), issue.url() == null ? ticket.externalUrl() : issue.url(), true);
  }
}
