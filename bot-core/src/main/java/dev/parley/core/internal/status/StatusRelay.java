package dev.parley.core.internal.status;

import dev.parley.core.api.ThreadPoster.ThreadPostException;
import dev.parley.core.api.ThreadPoster;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.status.StatusDeliveries.Claim;
import dev.parley.core.internal.status.StatusDeliveries.State;
import dev.parley.core.internal.tickets.TicketOrigins;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a tracker's status change into the thread its ticket came from, once. A change to an
 * issue Parley did not make, or one Parley made itself, is ignored; a change already posted or
 * being posted by another instance is not posted again.
 *
 * <p>A post that fails is never marked done. Decision: it is retried here a few times, within
 * {@code answerDeadline} (GitHub records a delivery as failed after 10 s); if it still fails, the
 * claim is released and the webhook is answered 503, which Jira retries (for about 30 minutes)
 * and which GitHub shows as a failed delivery an operator can redeliver (GitHub never retries on
 * its own). A post still running at the deadline goes on in the background; the webhook is
 * answered 503 too, and a redelivery finds the change in progress or done.
 *
 * <p>Thread-safe; {@link #close} stops posts still in flight.
 */
public final class StatusRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusRelay.class);

  /** What became of one change; the HTTP route answers by the worst of a delivery's changes. */
  public enum Outcome {
    /** Not Parley's issue, Parley's own comment, or nothing to post. */
    IGNORED,
    /** Posted now. */
    POSTED,
    /** Posted before, by this or another instance. */
    ALREADY_POSTED,
    /** Being posted by another instance, or by this one past the deadline: ask for a redelivery. */
    IN_PROGRESS,
    /** The post failed; nothing was marked done, so a redelivery posts it. */
    FAILED
  }

  private final TicketOrigins origins;
  private final ThreadPoster poster;
  private final StatusDeliveries deliveries;
  private final Duration answerDeadline;
  private final List<Duration> retryDelays;
  private final ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * @param answerDeadline how long {@link #relay} waits for a post, retries included
   * @param retryDelays the pauses before each further attempt; empty for one attempt
   */
  public StatusRelay(TicketOrigins origins, ThreadPoster poster, StatusDeliveries deliveries, Duration answerDeadline,
      List<Duration> retryDelays) {
    this.origins = Objects.requireNonNull(origins, "origins");
    this.poster = Objects.requireNonNull(poster, "poster");
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.answerDeadline = Objects.requireNonNull(answerDeadline, "answerDeadline");
    this.retryDelays = List.copyOf(retryDelays);
  }

  /** Within GitHub's 10 s: three attempts, about 7 s in all at worst. */
  public static StatusRelay withDefaults(TicketOrigins origins, ThreadPoster poster, StatusDeliveries deliveries) {
    return new StatusRelay(origins, poster, deliveries, Duration.ofSeconds(7),
        List.of(Duration.ofMillis(500), Duration.ofMillis(1500)));
  }

  /**
   * Relays every change of one delivery, in order, and says the worst outcome (FAILED over
   * IN_PROGRESS over the rest). Blocks up to about {@code answerDeadline} per change.
   *
   * @throws RuntimeException when the ticket store or the delivery store cannot be reached
   */
  public Outcome relayAll(List<TrackerChange> changes) {
    Outcome worst = Outcome.IGNORED;
    for (TrackerChange change : changes) {
      Outcome outcome = relay(change);
      if (outcome.compareTo(worst) > 0) worst = outcome;
    }
    return worst;
  }

  /** Relays one change; see the class comment. */
  public Outcome relay(TrackerChange change) {
    if (change.byParley()) return Outcome.IGNORED;
    Optional<Ticket> ticket = origins.findByExternal(change.backend(), change.externalId());
    if (ticket.isEmpty()) {
      log.debug("status change for an issue Parley did not make backend={} issue={}", change.backend(),
          change.externalId());
      return Outcome.IGNORED;
    }
    String scope = change.backend() + ":" + change.externalId();
    Claim claim = deliveries.claim(scope, change.deliveryKey(), change.changeKey());
    if (claim.state() == State.DONE) return Outcome.ALREADY_POSTED;
    if (claim.state() == State.IN_PROGRESS) return Outcome.IN_PROGRESS;
    String text = StatusMessage.render(ticket.get(), change);
    CompletableFuture<Void> posting;
    try {
      posting = CompletableFuture.runAsync(() -> postWithRetries(ticket.get(), text), posts)
          .whenComplete((ok, failure) -> settle(scope, change, claim.token(), ticket.get(), failure));
    } catch (RejectedExecutionException e) {
      // Closed by shutdown while this delivery was being read: leave the change to a redelivery.
      deliveries.release(scope, change.deliveryKey(), change.changeKey(), claim.token());
      return Outcome.FAILED;
    }
    try {
      posting.get(answerDeadline.toMillis(), TimeUnit.MILLISECONDS);
      return Outcome.POSTED;
    } catch (TimeoutException e) {
      log.warn("status post still running at the deadline ticket={} change={}", ticket.get().id(), change.kind().label());
      return Outcome.IN_PROGRESS;
    } catch (ExecutionException e) {
      return Outcome.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.IN_PROGRESS;
    }
  }

  private void postWithRetries(Ticket ticket, String text) {
    for (int attempt = 0; ; attempt++) {
      try {
        // Nobody is pinged: a status line is news, not a summons.
        poster.post(ticket.conversation(), text, null);
        return;
      } catch (ThreadPostException e) {
        if (attempt >= retryDelays.size()) throw e;
        log.info("status post failed, retrying ticket={} attempt={} reason={}", ticket.id(), attempt + 1, e.getMessage());
        pause(retryDelays.get(attempt));
      }
    }
  }

  private void settle(String scope, TrackerChange change, String token, Ticket ticket, Throwable failure) {
    try {
      if (failure == null) {
        deliveries.confirm(scope, change.deliveryKey(), change.changeKey(), token);
        log.info("status posted ticket={} issue={} change={} conversation={}", ticket.id(), change.externalId(),
            change.kind().label(), ticket.conversation());
      } else {
        deliveries.release(scope, change.deliveryKey(), change.changeKey(), token);
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        log.warn("status post failed; left for a redelivery ticket={} issue={} change={} reason={}", ticket.id(),
            change.externalId(), change.kind().label(), cause.getMessage());
      }
    } catch (RuntimeException e) {
      // The pending claim then expires after PENDING_TTL, and a redelivery after that posts it.
      log.warn("could not record the status post ticket={} change={}", ticket.id(), change.kind().label(), e);
    }
  }

  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ThreadPostException("interrupted while waiting to retry", e);
    }
  }

  @Override
  public void close() {
    posts.shutdownNow();
  }
}
