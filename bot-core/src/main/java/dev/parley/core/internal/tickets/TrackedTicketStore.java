package dev.parley.core.internal.tickets;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticket store the engine uses: Parley's {@link TicketLedger}, and behind it the tracker the
 * conversation's channel names ({@link TicketBackends}). Creation is exactly once across
 * instances and across a crash between "the tracker created it" and "Parley recorded it":
 *
 * <ol>
 *   <li>the ledger reserves the idempotency key first (a Parley id such as {@code SUP-7});
 *   <li>a ticket the key already made with a tracker is returned as it is;
 *   <li>one caller at a time (a {@link #LEASE claim} in the ledger) calls the tracker;
 *   <li>on a retry, which the ledger knows from an earlier first attempt, the tracker is asked for
 *       an issue carrying the ticket's marker before anything is created; inside the tracker's
 *       {@link TicketBackend#findLag() lag} a miss is an error to retry, never a second create;
 *   <li>the tracker's id and link are recorded on the ticket and indexed for {@link #findByExternal}.
 * </ol>
 *
 * When the retry never comes (the person asks again in the thread, a new key), the offer of an
 * open ticket from the thread ({@link #openFromThread}) finds the orphaned issue by its marker
 * and records it, so the second request does not file it twice either.
 *
 * A failure anywhere is a {@link TicketBackendException}; the reserved Parley id stays, so the
 * retry finishes the same ticket. Thread-safe.
 */
public final class TrackedTicketStore implements TicketStore, TicketViews, TicketOrigins {
  private static final Logger log = LoggerFactory.getLogger(TrackedTicketStore.class);
  /** Longer than a tracker call may take (two calls of a tracker's 20-second timeout). */
  public static final Duration LEASE = Duration.ofSeconds(45);
  /** Tickets of one thread checked for an open one; older ones are not offered. */
  static final int THREAD_TICKETS_CHECKED = 5;

  private final TicketLedger ledger;
  private final TicketBackends backends;
  private final Clock clock;

  public TrackedTicketStore(TicketLedger ledger, TicketBackends backends, Clock clock) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.backends = Objects.requireNonNull(backends, "backends");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Ticket create(NewTicket request, String idempotencyKey) {
    TicketBackend backend = backends.forConversation(request.conversation());
    Ticket reserved = ledger.create(request, idempotencyKey);
    if (backend == TicketBackend.EMBEDDED || reserved.isExternal()) return reserved;
    if (!ledger.tryClaim(reserved, LEASE)) {
      throw TicketBackendException.transientFailure("Ticket " + reserved.id() + " is being filed in "
          + backend.name() + " by another attempt right now.", Duration.ofSeconds(5), null);
    }
    try {
      Instant now = clock.instant();
      Optional<Instant> earlierAttempt = ledger.earlierAttempt(reserved, now);
      String marker = marker(reserved);
      Optional<TrackerIssue> earlier = Optional.empty();
      if (earlierAttempt.isPresent()) {
        earlier = backend.findCreated(marker, earlierAttempt.get());
        Duration since = Duration.between(earlierAttempt.get(), now);
        if (earlier.isEmpty() && since.compareTo(backend.findLag()) < 0) {
          // The tracker's search may not show an issue made moments ago: creating now could be the duplicate.
          throw TicketBackendException.transientFailure("Ticket " + reserved.id() + " may already exist in "
              + backend.name() + ", which cannot confirm it yet.", backend.findLag().minus(since), null);
        }
        earlier.ifPresent(issue -> log.info("ticket found after an interrupted create backend={} ticket={} external={}",
            backend.name(), reserved.id(), issue.externalId()));
      }
      TrackerIssue issue;
      try {
        issue = earlier.isPresent() ? earlier.get() : backend.create(reserved, marker);
      } catch (TicketBackendException e) {
        // A first attempt the tracker refused, or that was never sent, leaves nothing to look for:
        // its retry creates at once instead of waiting out the tracker's search lag.
        if (earlierAttempt.isEmpty() && e.nothingCreated()) ledger.forgetAttempt(reserved);
        throw e;
      }
      return ledger.recordExternal(reserved, backend.name(), issue.externalId(), issue.url());
    } finally {
      ledger.release(reserved);
    }
  }

  @Override
  public Optional<Ticket> find(String tenantScope, String id) {
    return ledger.find(tenantScope, id);
  }

  @Override
  public Optional<Ticket> findByExternal(String backend, String externalId) {
    return ledger.findByExternal(backend, externalId);
  }

  @Override
  public Optional<TicketView> lookup(String tenantScope, String id) {
    Optional<Ticket> ticket = ledger.find(tenantScope, id).or(() -> byTrackerId(tenantScope, id));
    return ticket.map(this::liveOrThrow);
  }

  @Override
  public Optional<TicketView> openFromThread(ConversationKey thread, String idempotencyKey) {
    if (ledger.findByKey(thread.tenantScope(), idempotencyKey).isPresent()) return Optional.empty();
    TicketBackend backend = backends.forConversation(thread);
    for (Ticket recorded : ledger.fromThread(thread, THREAD_TICKETS_CHECKED)) {
      Optional<Ticket> ticket = backend == TicketBackend.EMBEDDED || recorded.isExternal()
          ? Optional.of(recorded) : recovered(recorded, backend);
      if (ticket.isEmpty()) continue;
      TicketView view = liveOrRecorded(ticket.get());
      if (view.open()) return Optional.of(view);
    }
    return Optional.empty();
  }

  /**
   * A reservation without a tracker id: its tracker call failed, or Parley died before recording
   * what the tracker made, and its own retry never came (the person asked again instead). If the
   * tracker has the issue, it is recorded now and offered, rather than filed a second time;
   * otherwise it was never filed and there is nothing to offer.
   */
  private Optional<Ticket> recovered(Ticket reservation, TicketBackend backend) {
    try {
      return backend.findCreated(marker(reservation), reservation.createdAt())
          .map(issue -> ledger.recordExternal(reservation, backend.name(), issue.externalId(), issue.url()));
    } catch (TicketBackendException e) {
      log.info("tracker unreadable, reservation not checked ticket={} reason={}", reservation.id(), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The marker that finds the issue again (32 hex digits; each backend wraps it in its own form):
   * opaque, and derived from the reservation alone (tenant, Parley id, reservation time), so any
   * instance can compute it from the ledger, while two deployments sharing a tracker never share one.
   */
  static String marker(Ticket ticket) {
    String source = ticket.conversation().tenantScope() + "|" + ticket.id() + "|" + ticket.createdAt().toEpochMilli();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }

  /** A tracker's own id (a Jira key) of a ticket this tenant made; another tenant's is not found. */
  private Optional<Ticket> byTrackerId(String tenantScope, String id) {
    for (String backend : List.of("jira", "webhook")) {
      Optional<Ticket> ticket = ledger.findByExternal(backend, id.trim())
          .filter(t -> t.conversation().tenantScope().equals(tenantScope));
      if (ticket.isPresent()) return ticket;
    }
    return Optional.empty();
  }

  private TicketView liveOrThrow(Ticket ticket) {
    if (!ticket.isExternal()) return TicketView.recorded(ticket);
    TicketBackend backend = backends.forConversation(ticket.conversation());
    if (!backend.name().equals(ticket.backend())) {
      // The channel moved to another tracker since; the old one is no longer configured for it.
      return TicketView.recorded(ticket);
    }
    return backend.read(ticket.externalId()).map(issue -> TicketView.live(ticket, issue))
        .orElseGet(() -> TicketView.recorded(ticket));
  }

  private TicketView liveOrRecorded(Ticket ticket) {
    try {
      return liveOrThrow(ticket);
    } catch (TicketBackendException e) {
      log.info("tracker unreadable, using the recorded state ticket={} reason={}", ticket.id(), e.getMessage());
      return TicketView.recorded(ticket);
    }
  }
}
