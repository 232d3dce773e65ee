package dev.parley.core.internal.tickets;

import dev.parley.core.api.ConversationKey;
import java.util.Optional;

/**
 * Tickets as they stand in their tracker, for {@code lookup_ticket} and for the offer of an open
 * ticket instead of a duplicate. Thread-safe; blocks on the tracker.
 */
public interface TicketViews {

  /**
   * The ticket {@code id} of {@code tenantScope} (a Parley id such as {@code SUP-4}, or the
   * tracker's own id such as a Jira key), with its live state. Only tickets Parley recorded for
   * this tenant are found; any other id is empty, exactly like one that does not exist.
   *
   * @throws TicketBackendException when the tracker could not be read
   */
  Optional<TicketView> lookup(String tenantScope, String id);

  /**
   * The newest ticket made from {@code thread} that is still open, unless
   * {@code idempotencyKey} already made one (a retry then gets its own ticket back from create).
   * A tracker that cannot be read counts the recorded state.
   */
  Optional<TicketView> openFromThread(ConversationKey thread, String idempotencyKey);

  /** Views of a plain store: the recorded state, and no offer (the store keeps no thread index). */
  static TicketViews recorded(TicketStore store) {
    return new TicketViews() {
      @Override
      public Optional<TicketView> lookup(String tenantScope, String id) {
        return store.find(tenantScope, id).map(TicketView::recorded);
      }

      @Override
      public Optional<TicketView> openFromThread(ConversationKey thread, String idempotencyKey) {
        return Optional.empty();
      }
    };
  }
}
