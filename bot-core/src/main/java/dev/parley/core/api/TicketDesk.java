package dev.parley.core.api;

/** Tickets a person opens directly, without the model (a slash command). Thread-safe. */
public interface TicketDesk {

  /**
   * Opens a ticket in the tenant of {@code ticket.conversation()}, exactly once per conversation
   * and {@code eventId}. It counts against the same request limits as a question and against the
   * user's daily ticket cap; past either, nothing is opened and the outcome carries the notice.
   *
   * @param eventId the platform's id of the command (an interaction id, a trigger id)
   */
  TicketOutcome createTicket(NewTicket ticket, String eventId);
}
