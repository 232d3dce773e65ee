package dev.parley.core.internal.tickets;

/**
 * The per-user daily ticket cap: at most {@link #dailyCap()} tickets per user, tenant and UTC
 * day, whoever asks for them (the model's tool or a slash command). It bounds what one user, or a
 * prompt-injected model speaking for them, can file. Thread-safe and shared across bot instances.
 */
public interface TicketQuota {

  /** No cap; for tests and tools that do not open tickets. */
  TicketQuota UNLIMITED = new TicketQuota() {
    @Override
    public boolean tryTake(String tenantScope, String userId) {
      return true;
    }

    @Override
    public int dailyCap() {
      return 0;
    }
  };

  /**
   * Counts one ticket for {@code userId} in {@code tenantScope} today (UTC), unless the user has
   * already reached the cap; then returns false and counts nothing.
   */
  boolean tryTake(String tenantScope, String userId);

  /** Tickets per user, tenant and UTC day; 0 means no cap. */
  int dailyCap();

  /** What a user over the cap is told. */
  static String overCapNotice(int cap) {
    return "You have reached the limit of " + cap + " tickets per day; it resets at midnight UTC."
        + " A ticket you already opened can still be looked up.";
  }
}
