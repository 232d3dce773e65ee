package dev.parley.core.api;

/** A direct ticket command's result: the ticket, or, when none was opened, the notice why. */
public record TicketOutcome(Ticket ticket, String notice) {
  public TicketOutcome {
    if ((ticket == null) == (notice == null)) throw new IllegalArgumentException("exactly one of ticket and notice");
  }

  public static TicketOutcome opened(Ticket ticket) {
    return new TicketOutcome(ticket, null);
  }

  public static TicketOutcome refused(String notice) {
    return new TicketOutcome(null, notice);
  }

  public boolean isOpened() {
    return ticket != null;
  }
}
