package dev.parley.core.internal.tickets;

import dev.parley.core.api.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A tracker that holds Parley's tickets where the team works: GitHub Issues, Jira, or a helpdesk
 * behind a webhook. Parley's {@link TicketLedger} keeps its own record beside it; the backend only
 * speaks the tracker's protocol. Every method blocks on the network, is thread-safe, and throws
 * {@link TicketBackendException} (naming the tracker's reason, never a secret) on any failure.
 */
public interface TicketBackend {

  /** The backend that is no tracker: tickets live only in the ledger. */
  TicketBackend EMBEDDED = new EmbeddedBackend();

  /** {@code embedded}, {@code github}, {@code jira} or {@code webhook}; also the tracker's name in notices. */
  String name();

  /**
   * Creates the issue for {@code ticket}, carrying {@code marker} where {@link #findCreated} can
   * see it (a hidden comment, a label, the webhook's {@code Idempotency-Key}).
   */
  TrackerIssue create(Ticket ticket, String marker);

  /**
   * The issue an earlier {@link #create} with {@code marker} made, no earlier than
   * {@code notBefore}, if the tracker shows it; for a crash between the tracker's create and
   * Parley's record.
   */
  Optional<TrackerIssue> findCreated(String marker, Instant notBefore);

  /** The issue's live state; empty when the tracker no longer has it or cannot say. */
  Optional<TrackerIssue> read(String externalId);

  /**
   * How long after a create {@link #findCreated} may still miss the issue (a search index that
   * lags); a retry inside this window waits rather than risk a duplicate.
   */
  default Duration findLag() {
    return Duration.ZERO;
  }
}
