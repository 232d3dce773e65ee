package dev.parley.core.internal.reply;

import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.EditRejectedException;
import dev.parley.core.api.reply.ReplySink;
import dev.parley.core.api.reply.TokenBucket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one reply into its {@link ReplySink} no faster than the platform allows. One throttle
 * per reply: the model's stream appends tokens as fast as they come, and a single worker thread
 * sends the whole text so far whenever the edit budget lets it, coalescing everything that arrived
 * in between.
 *
 * <p>Pacing: a sink call of this reply starts no sooner than the larger of {@code extraCadence}
 * and {@link EditBudget#minInterval()} after the previous one started, except the first words,
 * which follow the placeholder as soon as the buckets allow (a sink whose budget is not
 * {@link EditBudget#paced() paced} ignores {@code extraCadence}, and with a zero interval and an
 * unlimited bucket it is sent every change as soon as the previous call returned, with no timer).
 * Every call, the placeholder and the final one included, then waits for its turn at each of the
 * budget's shared {@link EditBudget#buckets() buckets}, where this reply holds a
 * {@link TokenBucket.Lane}: the bucket serves the replies waiting there fairly (least recently
 * served first) and final edits before all others, so a reply's real interval is its fair share
 * of the platform's budget at that moment ({@link #permittedInterval()}). The placeholder is the
 * sink's own: a sink whose {@link ReplySink#start()} makes a call takes its turn there first
 * ({@link EditBudget#awaitOneShot()}), ahead of streaming edits. The final call waits its (early)
 * turn but is never dropped. Because the worker takes the newest text only once its turn came,
 * everything that arrived while it waited goes out as one edit, and the platform's client library
 * is handed a request only when the budget allows it: nothing piles up in its own queue, where
 * the lag would be invisible.
 * When the platform rejects a call with {@link EditRejectedException}, the throttle waits
 * {@code retryAfter}, drains the most specific bucket for as long so the other replies there back
 * off too, and then sends the newest text.
 *
 * <p>A status line ({@link #status}) travels beside the text, never inside it: it reaches the sink
 * through {@link ReplySink#status}, paced like an edit, so a platform streaming the answer keeps
 * streaming while a tool runs.
 *
 * <p>Threading: every method is thread-safe. {@link #append}, {@link #status} and {@link #text}
 * never wait for the platform. {@link #start}, {@link #finish} and {@link #fail} block. After
 * {@code start}, all sink calls are made by one virtual worker thread, so at most one is in flight.
 */
public final class EditThrottle {
  /** Rejections of the final call tolerated before the reply is abandoned. */
  static final int MAX_FINAL_REJECTIONS = 10;
  /** Other failures of the final call tolerated before the reply is abandoned. */
  static final int MAX_FINAL_FAILURES = 3;

  private static final Logger log = LoggerFactory.getLogger(EditThrottle.class);

  private final ReplySink sink;
  private final EditCounter edits;
  private final long minIntervalNanos;
  private final EditBudget budget;
  /** One place in line per bucket of the budget, held from start to the final call. */
  private final List<TokenBucket.Lane> lanes = new CopyOnWriteArrayList<>();
  private final AtomicBoolean startCalled = new AtomicBoolean();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Condition ended = lock.newCondition();
  // Guarded by lock.
  private final StringBuilder text = new StringBuilder();
  private String status;
  private long version;
  private boolean ending;
  private String failNotice;
  private boolean started;
  private boolean delivered;

  // Confined to the worker thread (published to it by Thread.start).
  private String lastSent = "";
  private String lastStatusSent;
  private long sentVersion;
  /**
   * When the last sink call started. The interval counts from a call's start, not its return: a
   * person then waits the interval, not the interval plus the platform's response time, which at
   * 1,000 live answers was tens to hundreds of milliseconds of every edit's lag (docs/benchmarks.md).
   * Platforms count requests as they arrive, so starts are what must be spaced.
   */
  private long lastCallNanos;
  private long notBeforeNanos;

  /**
   * @param sink the reply to write into; this throttle makes all its calls
   * @param extraCadence a configured minimum interval between edits, applied on top of the
   *     platform's own {@link EditBudget#minInterval()} (the larger one wins) unless the sink's
   *     budget is not {@link EditBudget#paced() paced}
   */
  public EditThrottle(ReplySink sink, Duration extraCadence) {
    this(sink, extraCadence, (rateLimited, permittedInterval) -> {});
  }

  /**
   * Hears of every edit the platform took or refused with a rate limit, with the reply's
   * {@link #permittedInterval()} at that moment (its fair share of the budget), for metrics: the
   * lag a person sees is measured against it. Must not block.
   */
  @FunctionalInterface
  public interface EditCounter {
    void edit(boolean rateLimited, Duration permittedInterval);
  }

  /** As {@link #EditThrottle(ReplySink, Duration)}, reporting each edit to {@code edits}. */
  public EditThrottle(ReplySink sink, Duration extraCadence, EditCounter edits) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.edits = Objects.requireNonNull(edits, "edits");
    Objects.requireNonNull(extraCadence, "extraCadence");
    if (extraCadence.isNegative()) throw new IllegalArgumentException("extraCadence must not be negative");
    this.budget = Objects.requireNonNull(sink.budget(), "sink.budget()");
    this.minIntervalNanos = budget.paced()
        ? Math.max(extraCadence.toNanos(), budget.minInterval().toNanos())
        : budget.minInterval().toNanos();
  }

  /**
   * How often this reply may edit at this moment: its configured interval, or its fair share of
   * the platform's budget among the replies live there now, whichever is longer. What a person
   * watching the reply can expect, and what visible lag is measured against.
   */
  public Duration permittedInterval() {
    Duration share = budget.permittedInterval();
    return share.toNanos() > minIntervalNanos ? share : Duration.ofNanos(minIntervalNanos);
  }

  /**
   * Calls {@link ReplySink#start()} on the calling thread, then starts the worker. Call once.
   * If the sink throws, the exception propagates and the throttle stays unstarted.
   */
  public void start() {
    if (!startCalled.compareAndSet(false, true)) throw new IllegalStateException("already started");
    for (TokenBucket bucket : budget.buckets()) lanes.add(bucket.join());
    try {
      sink.start();
    } catch (RuntimeException e) {
      leaveLines();
      throw e;
    }
    // The first words do not wait an interval after the placeholder: they are what the person
    // waits for, and the buckets still count the placeholder.
    notBeforeNanos = System.nanoTime();
    lastCallNanos = notBeforeNanos - minIntervalNanos;
    lock.lock();
    try {
      started = true;
    } finally {
      lock.unlock();
    }
    Thread.ofVirtual().name("edit-throttle").start(this::work);
  }

  /** Adds model output. Never blocks on the platform; ignored once the reply is ending. */
  public void append(String delta) {
    Objects.requireNonNull(delta, "delta");
    if (delta.isEmpty()) return;
    lock.lock();
    try {
      if (ending) return;
      text.append(delta);
      version++;
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Shows a short progress line (e.g. "Creating ticket…") through {@link ReplySink#status}, or
   * clears it when {@code line} is null or blank. It never becomes part of the text, and once the
   * reply is ending it is ignored: the sink's final call clears it.
   */
  public void status(String line) {
    if (line != null && line.isBlank()) line = null;
    lock.lock();
    try {
      if (ending || Objects.equals(status, line)) return;
      status = line;
      version++;
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends the reply with exactly the text appended so far and blocks until the sink received it
   * (or gave up after repeated failures, which is logged). A no-op wait if the reply is already
   * ending. If the calling thread is interrupted, it returns early with its interrupt flag set
   * while delivery continues in the background.
   *
   * @throws IllegalStateException if {@link #start} did not succeed
   */
  public void finish() {
    end(null);
  }

  /**
   * Ends the reply with {@code notice} under the text so far, blocking like {@link #finish}.
   * Does nothing new if the reply is already ending.
   */
  public void fail(String notice) {
    end(Objects.requireNonNull(notice, "notice"));
  }

  /** The exact answer text appended so far, without the status line. */
  public String text() {
    lock.lock();
    try {
      return text.toString();
    } finally {
      lock.unlock();
    }
  }

  private void end(String notice) {
    lock.lock();
    try {
      if (!started) throw new IllegalStateException("start() was not called or failed");
      if (!ending) {
        ending = true;
        failNotice = notice;
        changed.signal();
        // Final edits go first: a reply already waiting in line moves to the front.
        lanes.forEach(TokenBucket.Lane::urgent);
      }
      while (!delivered) ended.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  private void work() {
    try {
      while (!sendNext()) {
        // Each round sends at most one edit; the loop ends after the final call.
      }
    } catch (RuntimeException e) {
      log.error("Edit throttle stopped unexpectedly; the reply stays as last shown. sink={}", sinkName(), e);
    } finally {
      leaveLines();
      lock.lock();
      try {
        delivered = true;
        ended.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Waits for news, then for the budget, then sends the newest state. True once ended. */
  private boolean sendNext() {
    awaitNews();
    waitForTurn();
    Snapshot now = snapshot();
    if (now.ending()) {
      deliverEnding(now);
      return true;
    }
    // An empty edit is skipped: platforms refuse empty messages, and the placeholder still shows.
    boolean textChanged = !now.text().isEmpty() && !now.text().equals(lastSent);
    boolean statusChanged = !Objects.equals(now.status(), lastStatusSent);
    if (textChanged) {
      sendUpdate(now.text());
      // One call per turn: the status waits for the next one.
      if (statusChanged) sentVersion = -1;
    } else if (statusChanged) {
      sendStatus(now.status());
    }
    return false;
  }

  private void awaitNews() {
    lock.lock();
    try {
      while (!ending && version == sentVersion) changed.awaitUninterruptibly();
    } finally {
      lock.unlock();
    }
  }

  private Snapshot snapshot() {
    lock.lock();
    try {
      sentVersion = version;
      return new Snapshot(text.toString(), status, ending, failNotice);
    } finally {
      lock.unlock();
    }
  }

  private void sendUpdate(String view) {
    lastCallNanos = System.nanoTime();
    try {
      sink.update(view);
      lastSent = view;
      edits.edit(false, permittedInterval());
    } catch (EditRejectedException e) {
      edits.edit(true, permittedInterval());
      log.debug("Edit rejected; retrying with the newest text. sink={} retryAfter={}", sinkName(), e.retryAfter());
      backOff(e.retryAfter());
      sentVersion = -1; // resend even if nothing new arrives meanwhile
    } catch (RuntimeException e) {
      // The next edit carries the whole text anyway, so this one is not retried.
      log.warn("Edit failed; continuing. sink={}", sinkName(), e);
      lastSent = view;
    }
  }

  private void sendStatus(String line) {
    lastCallNanos = System.nanoTime();
    try {
      sink.status(line);
      lastStatusSent = line;
      edits.edit(false, permittedInterval());
    } catch (EditRejectedException e) {
      edits.edit(true, permittedInterval());
      log.debug("Status rejected; retrying with the newest line. sink={} retryAfter={}", sinkName(), e.retryAfter());
      backOff(e.retryAfter());
      sentVersion = -1;
    } catch (RuntimeException e) {
      // Best effort: a status the platform refused is not worth a retry.
      log.warn("Status failed; continuing. sink={}", sinkName(), e);
      lastStatusSent = line;
    }
  }

  private void deliverEnding(Snapshot last) {
    int rejections = 0;
    int failures = 0;
    while (true) {
      lastCallNanos = System.nanoTime();
      try {
        if (last.notice() == null) sink.finish(last.text());
        else sink.fail(last.text(), last.notice());
        edits.edit(false, permittedInterval());
        return;
      } catch (EditRejectedException e) {
        edits.edit(true, permittedInterval());
        if (++rejections >= MAX_FINAL_REJECTIONS) {
          log.error("Final edit rejected {} times; giving up. sink={}", rejections, sinkName());
          return;
        }
        backOff(e.retryAfter());
      } catch (RuntimeException e) {
        if (++failures >= MAX_FINAL_FAILURES) {
          log.error("Final edit failed {} times; giving up. sink={}", failures, sinkName(), e);
          return;
        }
        log.warn("Final edit failed; retrying. sink={}", sinkName(), e);
      }
      waitForTurn();
    }
  }

  private void backOff(Duration retryAfter) {
    Duration pause = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    notBeforeNanos = System.nanoTime() + pause.toNanos();
    budget.channelBucket().drainFor(pause);
  }

  /**
   * Parks until this reply's interval and any retry-after passed, then waits for its turn at
   * every bucket, in the budget's order.
   */
  private void waitForTurn() {
    long due = lastCallNanos + minIntervalNanos;
    if (notBeforeNanos - due > 0) due = notBeforeNanos;
    for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
      LockSupport.parkNanos(this, left);
    }
    for (TokenBucket.Lane lane : lanes) lane.acquire();
  }

  private void leaveLines() {
    lanes.forEach(TokenBucket.Lane::close);
  }

  private String sinkName() {
    return sink.getClass().getSimpleName();
  }

  private record Snapshot(String text, String status, boolean ending, String notice) {}
}
