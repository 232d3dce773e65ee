package dev.parley.core.internal.tools;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the tools of one answering turn have done so far. One instance per turn, shared by all of
 * its rounds and by parallel calls within a round, so a tool can cap what a turn may do (such as
 * the tickets it opens) whatever the model asks for. Thread-safe.
 */
public final class TurnUsage {

  private final Map<String, AtomicInteger> used = new ConcurrentHashMap<>();

  /**
   * Counts one use of {@code what} if fewer than {@code max} were counted in this turn; returns
   * false, counting nothing, once {@code max} is reached. Atomic across parallel calls.
   */
  public boolean tryUse(String what, int max) {
    AtomicInteger count = used.computeIfAbsent(what, k -> new AtomicInteger());
    while (true) {
      int current = count.get();
      if (current >= max) return false;
      if (count.compareAndSet(current, current + 1)) return true;
    }
  }

  /** How many uses of {@code what} this turn counted. */
  public int used(String what) {
    AtomicInteger count = used.get(what);
    return count == null ? 0 : count.get();
  }
}
