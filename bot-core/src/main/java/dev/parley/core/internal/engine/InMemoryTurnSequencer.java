package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Orders turns within this process: a ticket lock per conversation. Tickets are numbered on
 * {@link #enqueue}; a ticket runs when every lower one has closed. A ticket closed before its
 * turn (given up, or timed out) is remembered and skipped when the line reaches it. A
 * conversation's line is dropped as soon as it has no open ticket, so idle conversations cost
 * nothing. There are no leases: a ticket in this process cannot outlive its holder's crash.
 */
public final class InMemoryTurnSequencer implements TurnSequencer {

  /** One conversation's line. Guarded by {@code lock}, created and dropped inside the map. */
  private static final class Line {
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final Set<Long> givenUp = new HashSet<>();
    long nextTicket = 1;
    long serving = 1;
    int open;

    void skipGivenUp() {
      while (givenUp.remove(serving)) serving++;
    }
  }

  private final Map<ConversationKey, Line> lines = new ConcurrentHashMap<>();

  @Override
  public Ticket enqueue(ConversationKey key) {
    long[] number = new long[1];
    Line line = lines.compute(key, (k, existing) -> {
      Line l = existing == null ? new Line() : existing;
      l.lock.lock();
      try {
        l.open++;
        number[0] = l.nextTicket++;
      } finally {
        l.lock.unlock();
      }
      return l;
    });
    return new LocalTicket(key, line, number[0]);
  }

  private final class LocalTicket implements Ticket {
    private final ConversationKey key;
    private final Line line;
    private final long number;
    private final AtomicBoolean closed = new AtomicBoolean();

    LocalTicket(ConversationKey key, Line line, long number) {
      this.key = key;
      this.line = line;
      this.number = number;
    }

    @Override
    public void awaitTurn(Duration maxWait) throws InterruptedException, TimeoutException {
      long remaining = maxWait.toNanos();
      line.lock.lock();
      try {
        while (line.serving != number) {
          if (remaining <= 0) break;
          remaining = line.changed.awaitNanos(remaining);
        }
        if (line.serving == number) return;
      } finally {
        line.lock.unlock();
      }
      close();
      throw new TimeoutException("turn " + number + " of " + key + " did not come within " + maxWait);
    }

    @Override
    public boolean stillHeld() {
      line.lock.lock();
      try {
        return !closed.get() && line.serving == number;
      } finally {
        line.lock.unlock();
      }
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) return;
      lines.compute(key, (k, l) -> {
        line.lock.lock();
        try {
          if (line.serving == number) {
            line.serving++;
          } else {
            line.givenUp.add(number);
          }
          line.skipGivenUp();
          line.open--;
          line.changed.signalAll();
          return line.open == 0 ? null : line;
        } finally {
          line.lock.unlock();
        }
      });
    }
  }
}
