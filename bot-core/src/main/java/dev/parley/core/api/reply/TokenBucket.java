package dev.parley.core.api.reply;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A thread-safe rate budget of {@code capacity} calls per {@code period}, in the form platforms
 * state them ("5 edits per 5 seconds per channel", "about 50 updates per minute per workspace"),
 * and the scheduler that shares it fairly between the replies that write through it.
 *
 * <p>Each token comes back exactly one period after it was taken, so no window of length
 * {@code period} ever holds more than {@code capacity} takes. A classic continuously refilling
 * bucket would allow nearly twice the capacity in one window (a full burst plus the refill), which
 * platforms counting in windows answer with 429s.
 *
 * <p><b>Sharing.</b> Each live reply {@link #join() joins} the bucket as a {@link Lane} and asks
 * it for every call. Waiting lanes are served one token at a time in this order:
 * <ol>
 *   <li>urgent requests first (a reply's final edit, or a one-shot post), oldest first: an
 *       answer that is complete is shown complete before anyone sees more of an unfinished one;
 *   <li>then the lane served least recently, a lane never served before all others: every reply
 *       shows its first words before any reply gets a second edit, and under load each live
 *       reply gets one call in turn;
 *   <li>then the lane that has waited longest.
 * </ol>
 * So each of {@code n} busy replies is served about every {@code period * n / capacity}: its
 * {@link #fairShare() fair share}, which grows and shrinks with the number of live replies
 * instead of being a fixed second.
 *
 * <p><b>Pace.</b> Streaming calls are also spread at the bucket's steady rate, one every
 * {@code period / capacity} after a short burst of {@link #burst()} calls: spending a minute's
 * budget in its first second would leave every reply, final edits included, frozen for the rest
 * of the minute. Urgent calls and {@link #tryTake()} are bound by the window alone, so a final
 * edit finds a token within one pace step, and count towards the pace.
 */
public final class TokenBucket {
  /** How long a token of {@link #awaitOneUntilAnswered()} waits for its answer at most. */
  public static final Duration MAX_HOLD = Duration.ofMinutes(1);

  private final int capacity;
  private final long periodNanos;
  private final NanoClock clock;
  private final boolean unlimited;

  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock.
  /** When each token taken within the last period comes back, oldest first. */
  private final ArrayDeque<Long> returns = new ArrayDeque<>();
  private final TreeSet<Lane> waiting = new TreeSet<>(SERVICE_ORDER);
  private int liveLanes;
  private long grants;
  private long arrivals;
  /** When the steady pace allows the next streaming call (a theoretical arrival time). */
  private long paceAt;
  private boolean paced;

  /** Urgent first, then least recently served (never served first), then longest waiting. */
  private static final Comparator<Lane> SERVICE_ORDER = Comparator.<Lane>comparingInt(lane -> lane.urgent ? 0 : 1)
      .thenComparingLong(lane -> lane.urgent ? 0 : lane.lastGrant)
      .thenComparingLong(lane -> lane.arrival);

  /** A monotonic clock, replaceable in tests. */
  @FunctionalInterface
  public interface NanoClock {
    long nanoTime();
  }

  public TokenBucket(int capacity, Duration period) {
    this(capacity, period, System::nanoTime);
  }

  public TokenBucket(int capacity, Duration period, NanoClock clock) {
    this(capacity, period, clock, false);
  }

  private TokenBucket(int capacity, Duration period, NanoClock clock, boolean unlimited) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
    if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("period must be positive");
    this.capacity = capacity;
    this.periodNanos = period.toNanos();
    this.clock = clock;
    this.unlimited = unlimited;
  }

  /** A budget that never makes anyone wait, for sinks without a platform limit (the console). */
  public static TokenBucket unlimited() {
    return new TokenBucket(Integer.MAX_VALUE, Duration.ofNanos(1), System::nanoTime, true);
  }

  /**
   * Takes one token if there is one and returns {@link Duration#ZERO}; otherwise takes nothing
   * and returns how long until a token comes back. Outside the line of lanes: for callers that
   * only probe. A call that must go out uses {@link #awaitOne()} or a {@link Lane}.
   */
  public Duration tryTake() {
    if (unlimited) return Duration.ZERO;
    lock.lock();
    try {
      long now = clock.nanoTime();
      long wait = tokenWait(now);
      if (wait == 0) {
        take(now);
        advancePace(now);
      }
      return Duration.ofNanos(wait);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until a token is taken for a one-shot call (a post outside a streamed reply), ahead of
   * streaming edits waiting in line, as urgent as a final edit. The token comes back one period
   * after it was taken, or one period after {@link Taken#answered()} if that is later and the token
   * was not back yet.
   *
   * @return the token taken; a caller that can tell when the platform answered the call says so
   *     with {@link Taken#answered()}
   */
  public Taken awaitOne() {
    return awaitOne(0);
  }

  /**
   * As {@link #awaitOne()}, for a call that always reports its answer: the token stays out until
   * {@link Taken#answered()} and comes back one period after it, however long the call took. A
   * token whose answer is never reported comes back after {@link #MAX_HOLD} plus a period, so a
   * lost report cannot shrink the budget for good.
   *
   * <p>Why not {@link #awaitOne()}: its token is back one period after the take whatever happened
   * to the call. When a request takes longer than a period to reach the platform (a thread that took
   * its token waited for a core, on a machine busy with a thousand answers), the token is taken
   * again before the first request arrived, and both arrive in one of the platform's windows: the
   * load benchmark at 1,000 answers saw 20 to 36 thread starts a run arrive over Discord's global
   * limit this way, each after a 429 had asked the bot to wait (docs/benchmarks.md).
   */
  public Taken awaitOneUntilAnswered() {
    return awaitOne(MAX_HOLD.toNanos());
  }

  private Taken awaitOne(long holdNanos) {
    if (unlimited) return Taken.NONE;
    try (Lane lane = join()) {
      // Set before the take, so the token is held from the moment it is taken: moved afterwards,
      // it could be back already if this thread waited a period for a core in between.
      lane.holdNanos = holdNanos;
      lane.urgent();
      lane.acquire();
      return new Taken(this, lane.taken);
    }
  }

  /**
   * A token taken by {@link #awaitOne()} or {@link #awaitOneUntilAnswered()}; see there when it
   * comes back.
   *
   * <p>Why the answer matters: the platform counts a request when it arrives, Parley when it takes
   * the token. On a busy machine the two can be hundreds of milliseconds apart (a thread that took
   * its token waits for a core), and requests that left late arrive together with the next ones: at
   * 1,000 answers on two cores, more than 50 thread starts landed in one of Discord's seconds
   * although no second of takes held more than 50 (the load benchmark, docs/benchmarks.md). A token
   * that comes back a period after the answer came back a period after the request arrived, so no
   * window of one period holds more than the capacity of arrivals, however late a request left.
   */
  public static final class Taken {
    static final Taken NONE = new Taken(null, 0);

    private final TokenBucket bucket;
    // Guarded by the bucket's lock.
    private long returnsAt;
    private boolean answered;

    private Taken(TokenBucket bucket, long returnsAt) {
      this.bucket = bucket;
      this.returnsAt = returnsAt;
    }

    /**
     * The platform answered the call made with this token (or it failed for good): unless it is
     * back already, the token comes back one period from now. Idempotent.
     */
    public void answered() {
      if (bucket == null) return;
      bucket.lock.lock();
      try {
        if (answered) return;
        answered = true;
        bucket.moveReturn(returnsAt, bucket.clock.nanoTime() + bucket.periodNanos);
      } finally {
        bucket.lock.unlock();
      }
    }
  }

  /**
   * Moves the return of a token due at {@code from} to {@code to}, keeping the returns in order,
   * and wakes the line if that freed a token sooner. Nothing if that token is back already.
   * Caller holds the lock. Returns {@code to}.
   */
  private long moveReturn(long from, long to) {
    if (!returns.removeLastOccurrence(from)) return to;
    ArrayDeque<Long> reordered = new ArrayDeque<>(returns.size() + 1);
    boolean placed = false;
    for (Long at : returns) {
      if (!placed && at - to > 0) {
        reordered.addLast(to);
        placed = true;
      }
      reordered.addLast(at);
    }
    if (!placed) reordered.addLast(to);
    returns.clear();
    returns.addAll(reordered);
    if (to - from < 0) signalHead();
    return to;
  }

  /** A place in line for one reply; close it when the reply ended. */
  public Lane join() {
    lock.lock();
    try {
      liveLanes++;
      return new Lane();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Holds every token back for {@code pause}: used when the platform said we went too fast, so
   * every reply in the channel backs off, not just the one that was refused.
   */
  public void drainFor(Duration pause) {
    if (unlimited) return;
    lock.lock();
    try {
      long back = clock.nanoTime() + pause.toNanos();
      // Tokens already out keep their later return time: forgetting them would let a burst through.
      ArrayDeque<Long> held = new ArrayDeque<>();
      for (Long at : returns) held.addLast(at - back > 0 ? at : back);
      while (held.size() < capacity) held.addFirst(back);
      returns.clear();
      returns.addAll(held);
      signalHead();
    } finally {
      lock.unlock();
    }
  }

  public int capacity() {
    return capacity;
  }

  /** How many replies hold a lane now. */
  public int liveReplies() {
    lock.lock();
    try {
      return liveLanes;
    } finally {
      lock.unlock();
    }
  }

  /**
   * How often each live reply may call at this moment if all of them were busy: the period
   * shared by the live replies, {@code period * max(1, live) / capacity}. Zero when unlimited.
   */
  public Duration fairShare() {
    if (unlimited) return Duration.ZERO;
    return Duration.ofNanos(periodNanos * Math.max(1, liveReplies()) / capacity);
  }

  /**
   * How many streaming calls may go out at once before the steady pace applies: a tenth of the
   * capacity, at least two (a placeholder and the first words of one reply).
   */
  public int burst() {
    return Math.max(2, capacity / 10);
  }

  private long paceStep() {
    return periodNanos / capacity;
  }

  /** Nanos until the pace allows a streaming call, 0 if it does. Caller holds the lock. */
  private long paceWait(long now) {
    if (!paced) return 0;
    long tolerance = (burst() - 1) * paceStep();
    return Math.max(0, paceAt - tolerance - now);
  }

  private void advancePace(long now) {
    long from = paced && paceAt - now > 0 ? paceAt : now;
    paceAt = from + paceStep();
    paced = true;
  }

  /** Nanos until a token is free, 0 if one is. Caller holds the lock. */
  private long tokenWait(long now) {
    while (!returns.isEmpty() && returns.peekFirst() - now <= 0) returns.pollFirst();
    return returns.size() < capacity ? 0 : returns.peekFirst() - now;
  }

  /** Takes a token; returns when it comes back. Caller holds the lock. */
  private long take(long now) {
    long back = now + periodNanos;
    returns.addLast(back);
    return back;
  }

  private void signalHead() {
    if (!waiting.isEmpty()) waiting.first().turn.signal();
  }

  /**
   * One reply's place in line at this bucket. Used by one thread at a time (the reply's worker),
   * except {@link #urgent()}, which any thread may call.
   */
  public final class Lane implements AutoCloseable {
    private final Condition turn = lock.newCondition();
    // Guarded by lock; never changed while the lane is in the waiting set, whose order they decide.
    private boolean urgent;
    private long lastGrant = -1;
    private long arrival;
    private boolean inLine;
    private boolean closed;
    /** When the token this lane took last comes back. */
    private long taken;
    /** How much longer than a period a token of this lane stays out ({@link #awaitOneUntilAnswered()}). */
    private long holdNanos;

    private Lane() {}

    /**
     * Takes a token if this lane's turn has come and returns {@link Duration#ZERO}; otherwise
     * stays in line and returns how long until the bucket has a token (lanes ahead may still
     * take it first). A lane that asked keeps its place until served or closed.
     */
    public Duration tryAcquire() {
      if (unlimited) return Duration.ZERO;
      lock.lock();
      try {
        if (closed) throw new IllegalStateException("the lane was closed");
        if (!inLine) {
          arrival = arrivals++;
          inLine = true;
          waiting.add(this);
        }
        long now = clock.nanoTime();
        long wait = Math.max(tokenWait(now), urgent ? 0 : paceWait(now));
        if (wait > 0 || waiting.first() != this) return Duration.ofNanos(Math.max(wait, 1));
        waiting.remove(this);
        inLine = false;
        lastGrant = grants++;
        taken = take(now);
        if (holdNanos > 0) taken = moveReturn(taken, taken + holdNanos);
        advancePace(now);
        signalHead();
        return Duration.ZERO;
      } finally {
        lock.unlock();
      }
    }

    /** Blocks until this lane's turn came and it took a token. Keeps an interrupt for later. */
    public void acquire() {
      if (unlimited) return;
      boolean interrupted = false;
      lock.lock();
      try {
        for (Duration wait = tryAcquire(); !wait.isZero(); wait = tryAcquire()) {
          try {
            // The head wakes when a token comes back; the others when they become the head.
            if (waiting.first() == this) turn.awaitNanos(wait.toNanos());
            else turn.await(periodNanos, TimeUnit.NANOSECONDS);
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        lock.unlock();
        if (interrupted) Thread.currentThread().interrupt();
      }
    }

    /**
     * Serves this lane's requests, the pending one and all later ones, before every non-urgent
     * one: the reply is ending, and its final edit (and any retry of it) goes first.
     */
    public void urgent() {
      if (unlimited) return;
      lock.lock();
      try {
        if (urgent) return;
        boolean wasInLine = inLine && waiting.remove(this);
        urgent = true;
        if (wasInLine) waiting.add(this);
        signalHead();
      } finally {
        lock.unlock();
      }
    }

    /** Leaves the line for good; the reply no longer counts towards the fair share. */
    @Override
    public void close() {
      if (unlimited) return;
      lock.lock();
      try {
        if (closed) return;
        closed = true;
        if (inLine) waiting.remove(this);
        inLine = false;
        liveLanes--;
        signalHead();
      } finally {
        lock.unlock();
      }
    }
  }
}
