package dev.parley.core.internal.status;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** {@link StatusDeliveries} for one process (no Redis); entries expire like the Redis ones. */
public final class InMemoryStatusDeliveries implements StatusDeliveries {
  private static final String DONE = "done";

  private record Entry(String value, Instant expires) {}

  private final Map<String, Entry> entries = new HashMap<>();
  private final Clock clock;

  public InMemoryStatusDeliveries(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Claim claim(String scope, String deliveryKey, String changeKey) {
    Instant now = clock.instant();
    entries.values().removeIf(e -> !e.expires().isAfter(now));
    for (String key : keys(scope, deliveryKey, changeKey)) {
      Entry known = entries.get(key);
      if (known != null) return new Claim(known.value().equals(DONE) ? State.DONE : State.IN_PROGRESS, null);
    }
    String token = UUID.randomUUID().toString();
    for (String key : keys(scope, deliveryKey, changeKey)) {
      entries.put(key, new Entry(token, now.plus(PENDING_TTL)));
    }
    return new Claim(State.CLAIMED, token);
  }

  @Override
  public synchronized void confirm(String scope, String deliveryKey, String changeKey, String token) {
    for (String key : keys(scope, deliveryKey, changeKey)) {
      Entry known = entries.get(key);
      if (known != null && known.value().equals(token)) entries.put(key, new Entry(DONE, clock.instant().plus(DONE_TTL)));
    }
  }

  @Override
  public synchronized void release(String scope, String deliveryKey, String changeKey, String token) {
    for (String key : keys(scope, deliveryKey, changeKey)) {
      Entry known = entries.get(key);
      if (known != null && known.value().equals(token)) entries.remove(key);
    }
  }

  private static String[] keys(String scope, String deliveryKey, String changeKey) {
    return deliveryKey == null ? new String[] {scope + "|change|" + changeKey}
        : new String[] {scope + "|change|" + changeKey, scope + "|delivery|" + deliveryKey};
  }
}
