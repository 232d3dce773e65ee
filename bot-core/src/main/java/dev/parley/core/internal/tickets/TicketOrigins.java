package dev.parley.core.internal.tickets;

import dev.parley.core.api.Ticket;
import java.util.Optional;

/**
 * Finds the ticket Parley made for a tracker's issue, so that a tracker's status webhook reaches
 * the thread the ticket came from. Only tickets Parley itself recorded are found: a webhook about
 * any other issue in the same repository or project is ignored.
 */
public interface TicketOrigins {

  /**
   * @param backend {@code github}, {@code jira} or {@code webhook}
   * @param externalId the tracker's own id: GitHub {@code owner/name#12}, Jira {@code KEY-12}, the
   *     webhook receiver's id
   */
  Optional<Ticket> findByExternal(String backend, String externalId);
}
