package dev.parley.core.internal.tickets;

import dev.parley.core.api.Ticket;
import java.time.Instant;
import java.util.Optional;

/** No tracker: the ledger alone holds the ticket. {@link TrackedTicketStore} never calls it to create. */
final class EmbeddedBackend implements TicketBackend {
  @Override
  public String name() {
    return "embedded";
  }

  @Override
  public TrackerIssue create(Ticket ticket, String marker) {
    throw new UnsupportedOperationException("the embedded store needs no tracker");
  }

  @Override
  public Optional<TrackerIssue> findCreated(String marker, Instant notBefore) {
    return Optional.empty();
  }

  @Override
  public Optional<TrackerIssue> read(String externalId) {
    return Optional.empty();
  }
}
