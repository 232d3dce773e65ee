package dev.parley.core.tickets;

import java.util.Optional;

/**
 * Where tickets live. The Redis store is the default; Jira, GitHub and others can sit behind the
 * same port. Thread-safe and shared across bot instances.
 */
public interface TicketStore {

  /**
   * Creates a ticket exactly once per {@code idempotencyKey} (the tool call id, or the platform
   * event id for a direct command): a second call with the same key returns the first ticket and
   * creates nothing.
   */
  Ticket create(NewTicket ticket, String idempotencyKey);

  /** Looks a ticket up by id, such as {@code SUP-42}. Ids are matched case-insensitively. */
  Optional<Ticket> find(String id);
}
