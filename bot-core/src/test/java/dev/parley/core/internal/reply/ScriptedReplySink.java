package dev.parley.core.internal.reply;

import static org.awaitility.Awaitility.await;

import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.EditRejectedException;
import dev.parley.core.api.reply.ReplySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link ReplySink} that records every call with the time it arrived, notices overlapping
 * calls, and runs scripted actions (which may throw) inside the n-th call of a kind. Each call
 * takes {@code latency}, like a platform round trip, so overlapping calls would really overlap.
 */
final class ScriptedReplySink implements ReplySink {

  enum Kind { START, UPDATE, STATUS, FINISH, FAIL }

  /**
   * One call: what it showed, when it arrived, when the calling thread last read the clock of an
   * {@linkplain BudgetChecks#observedBucket observed bucket} (-1 if never), and whether it was
   * refused.
   */
  record Call(
      Kind kind, String text, String notice, long atNanos, long tokenAtNanos, Duration rejectedFor, boolean failed) {
    boolean accepted() {
      return rejectedFor == null && !failed;
    }
  }

  @FunctionalInterface
  interface Action {
    void run();
  }

  private final EditBudget budget;
  private final Duration latency;
  private final List<Call> calls = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Map<Kind, AtomicInteger> counts = new EnumMap<>(Kind.class);
  private final Map<String, Action> script = new ConcurrentHashMap<>();

  ScriptedReplySink(EditBudget budget, Duration latency) {
    this.budget = budget;
    this.latency = latency;
    for (Kind kind : Kind.values()) counts.put(kind, new AtomicInteger());
  }

  /** Runs {@code action} inside the {@code nth} (1-based) call of {@code kind}. */
  ScriptedReplySink on(Kind kind, int nth, Action action) {
    script.put(kind + "#" + nth, action);
    return this;
  }

  ScriptedReplySink reject(Kind kind, int nth, Duration retryAfter) {
    return on(kind, nth, () -> {
      throw new EditRejectedException("429 from the fake platform", retryAfter);
    });
  }

  @Override
  public void start() {
    call(Kind.START, "", null);
  }

  @Override
  public void update(String textSoFar) {
    call(Kind.UPDATE, textSoFar, null);
  }

  @Override
  public void status(String line) {
    call(Kind.STATUS, line, null);
  }

  @Override
  public void finish(String finalText) {
    call(Kind.FINISH, finalText, null);
  }

  @Override
  public void fail(String partialText, String notice) {
    call(Kind.FAIL, partialText, notice);
  }

  @Override
  public EditBudget budget() {
    return budget;
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(Kind kind) {
    return calls().stream().filter(c -> c.kind() == kind).toList();
  }

  List<String> texts(Kind kind) {
    return calls(kind).stream().map(Call::text).toList();
  }

  /** The most calls that were ever in progress at once. */
  int maxInFlight() {
    return maxInFlight.get();
  }

  void awaitCalls(Kind kind, int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> calls(kind).size() >= count);
  }

  private void call(Kind kind, String text, String notice) {
    long at = System.nanoTime();
    long tokenAt = BudgetChecks.lastBucketReadOnThisThread();
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    Duration rejectedFor = null;
    boolean failed = false;
    try {
      LockSupport.parkNanos(latency.toNanos()); // the platform's round trip
      Action action = script.get(kind + "#" + counts.get(kind).incrementAndGet());
      if (action != null) action.run();
    } catch (EditRejectedException e) {
      rejectedFor = e.retryAfter();
      throw e;
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    } finally {
      inFlight.decrementAndGet();
      record(new Call(kind, text, notice, at, tokenAt, rejectedFor, failed));
    }
  }

  private synchronized void record(Call call) {
    calls.add(call);
  }
}
