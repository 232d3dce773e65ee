package dev.parley.core.internal.handoff;

import dev.parley.core.api.ConversationKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory twin of the Redis handoff store: one process, lost on restart. Thread-safe. */
public final class InMemoryHandoffStore implements HandoffStore {
  private final ConcurrentHashMap<ConversationKey, Handoff> handoffs = new ConcurrentHashMap<>();
  private final Clock clock;

  public InMemoryHandoffStore() {
    this(Clock.systemUTC());
  }

  public InMemoryHandoffStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<Handoff> find(ConversationKey key) {
    Handoff handoff = handoffs.get(key);
    if (handoff == null) return Optional.empty();
    if (!clock.instant().isBefore(handoff.until())) {
      handoffs.remove(key, handoff);
      return Optional.empty();
    }
    return Optional.of(handoff);
  }

  @Override
  public Begun begin(ConversationKey key, Instant now, Duration quietFor) {
    Handoff fresh = new Handoff(now, now.plus(quietFor));
    Handoff[] found = new Handoff[1];
    handoffs.compute(key, (k, current) -> {
      if (current != null && clock.instant().isBefore(current.until())) {
        found[0] = current;
        return current;
      }
      return fresh;
    });
    return found[0] == null ? new Begun(fresh, true) : new Begun(found[0], false);
  }

  @Override
  public boolean end(ConversationKey key) {
    Handoff removed = handoffs.remove(key);
    return removed != null && clock.instant().isBefore(removed.until());
  }
}
