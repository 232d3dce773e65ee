package dev.parley.core.internal.llm.groq;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first-token and idle watchdog of every stream of one model: each attempt keeps a deadline
 * that its reader thread moves forward with one volatile write per event, and one periodic sweep
 * on the model's timer thread expires the attempts whose deadline has passed.
 *
 * <p>Why a sweep: re-arming a timer per event (a schedule, a cancel, and a wake-up of the timer
 * thread) cost about a tenth of the client's CPU. Why not the socket's read timeout, which costs
 * nothing either: it restarts on every read rather than every event, so a server that trickles
 * bytes or sends only SSE comments would never time out, and it cannot time the first-token wait,
 * which includes connecting and the response headers. The price of the sweep is precision: a
 * timeout fires up to one {@link #period} late.
 *
 * <p>Thread-safe. The sweep starts with the first watched attempt and runs until the timer is shut
 * down; with nothing to watch it costs one wake-up per period.
 */
final class StreamDeadlines {
  private static final Logger log = LoggerFactory.getLogger(StreamDeadlines.class);
  private static final Duration FINEST = Duration.ofMillis(10);
  private static final Duration COARSEST = Duration.ofSeconds(1);

  /** Something with a deadline; expired once, on the timer thread, when the deadline has passed. */
  interface Watched {
    /** A {@link System#nanoTime()} value; read on the timer thread, so it must be volatile. */
    long deadlineNanos();

    void expire();
  }

  private final Set<Watched> live = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer;
  private final Duration period;
  private final AtomicBoolean sweeping = new AtomicBoolean();

  StreamDeadlines(ScheduledExecutorService timer, Duration period) {
    this.timer = timer;
    this.period = period;
  }

  /**
   * A tenth of the shorter timeout, so a timeout fires at most 10% late, between 10 ms (tests use
   * timeouts of a few hundred ms) and 1 s (production's are 20 and 30 s).
   */
  static Duration periodFor(Duration firstTokenTimeout, Duration idleTimeout) {
    Duration tenth = (firstTokenTimeout.compareTo(idleTimeout) <= 0 ? firstTokenTimeout : idleTimeout).dividedBy(10);
    if (tenth.compareTo(FINEST) < 0) return FINEST;
    return tenth.compareTo(COARSEST) > 0 ? COARSEST : tenth;
  }

  Duration period() {
    return period;
  }

  void watch(Watched watched) {
    live.add(watched);
    if (sweeping.compareAndSet(false, true)) {
      timer.scheduleWithFixedDelay(this::sweep, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** Idempotent. A sweep already expiring {@code watched} may still do so: expiry must tolerate that. */
  void unwatch(Watched watched) {
    live.remove(watched);
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Watched watched : live) {
      if (now - watched.deadlineNanos() < 0 || !live.remove(watched)) continue;
      try {
        watched.expire();
      } catch (RuntimeException e) {
        // An exception would end the periodic task, and with it every other stream's watchdog.
        log.warn("expiring a stalled groq stream failed", e);
      }
    }
  }
}
