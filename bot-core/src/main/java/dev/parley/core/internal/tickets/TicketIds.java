package dev.parley.core.internal.tickets;

import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import java.util.Locale;
import java.util.Objects;

/**
 * Ticket ids: an upper-case prefix, a dash and a number, such as {@code SUP-42}. Lookups
 * upper-case the id, so {@code sup-42} finds {@code SUP-42}.
 */
public record TicketIds(String prefix) {

  public static final TicketIds DEFAULT = new TicketIds("SUP");

  public TicketIds {
    Objects.requireNonNull(prefix, "prefix");
    if (!prefix.matches("[A-Z][A-Z0-9]{0,15}")) {
      throw new IllegalArgumentException("ticket prefix must be 1-16 upper-case letters or digits: " + prefix);
    }
  }

  public String id(long number) {
    return prefix + "-" + number;
  }

  /** The stored form of an id as a user typed it. */
  public static String normalize(String id) {
    return Objects.requireNonNull(id, "id").trim().toUpperCase(Locale.ROOT);
  }

  /** The ticket as it stands when first opened. */
  public static Ticket open(String id, NewTicket ticket, java.time.Instant at) {
    return new Ticket(id, ticket.title(), ticket.description(), ticket.priority(), "open",
        ticket.reporterId(), ticket.reporterName(), ticket.conversation(), ticket.permalink(), at);
  }
}
