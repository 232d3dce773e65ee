package dev.parley.core.internal.tickets;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Parley's own record of its tickets, beside whatever tracker holds them: the store that reserves
 * an idempotency key before a tracker is called, remembers what the tracker made of it, and finds
 * it again from the tracker's id. The embedded store is a ledger with no tracker behind it.
 * Thread-safe and shared across bot instances (the Redis ledger) or local (the in-memory one).
 */
public interface TicketLedger extends TicketStore, TicketOrigins {

  /** The ticket an earlier {@link #create} with this key made, if the key is still remembered. */
  Optional<Ticket> findByKey(String tenantScope, String idempotencyKey);

  /**
   * Takes the right to call the tracker for {@code ticket} for {@code lease}, unless another
   * caller holds it; a caller that dies leaves it to expire.
   */
  boolean tryClaim(Ticket ticket, Duration lease);

  /** Gives a claim back early. */
  void release(Ticket ticket);

  /**
   * Records {@code now} as the first call of a tracker for {@code ticket}, unless an earlier call
   * was recorded; returns that earlier call's time, or empty when this is the first.
   */
  Optional<Instant> earlierAttempt(Ticket ticket, Instant now);

  /** Forgets a first attempt the tracker surely did not act on (it refused, or was not called). */
  void forgetAttempt(Ticket ticket);

  /**
   * Records what the tracker made of {@code ticket} and indexes it for
   * {@link #findByExternal}. Idempotent: recording the same ids again changes nothing.
   */
  Ticket recordExternal(Ticket ticket, String backend, String externalId, String externalUrl);

  /** The tickets made from {@code thread}, newest first, at most {@code limit}. */
  List<Ticket> fromThread(ConversationKey thread, int limit);
}
