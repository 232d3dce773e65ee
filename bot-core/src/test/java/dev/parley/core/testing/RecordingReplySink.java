package dev.parley.core.testing;

import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.ReplySink;
import dev.parley.core.api.reply.TokenBucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A reply sink that records every call, for tests of the engine. Thread-safe. */
public final class RecordingReplySink implements ReplySink {
  private final EditBudget budget;
  private final List<String> calls = new ArrayList<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile String finalText;
  private volatile String notice;

  public RecordingReplySink() {
    this(new EditBudget(Duration.ofMillis(20), TokenBucket.unlimited()));
  }

  public RecordingReplySink(EditBudget budget) {
    this.budget = budget;
  }

  @Override
  public synchronized void start() {
    calls.add("start");
  }

  @Override
  public synchronized void update(String textSoFar) {
    calls.add("update:" + textSoFar);
  }

  /** Recorded as {@code status:<line>}, or {@code status:} when cleared. */
  @Override
  public synchronized void status(String line) {
    calls.add("status:" + (line == null ? "" : line));
  }

  @Override
  public synchronized void finish(String text) {
    calls.add("finish:" + text);
    finalText = text;
    ended.countDown();
  }

  @Override
  public synchronized void fail(String partialText, String notice) {
    calls.add("fail:" + partialText + "|" + notice);
    this.finalText = partialText;
    this.notice = notice;
    ended.countDown();
  }

  @Override
  public EditBudget budget() {
    return budget;
  }

  /** Waits for finish or fail; returns false on timeout. */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean ended() {
    return ended.getCount() == 0;
  }

  /** The finished text, or the partial text of a failure; null while running. */
  public String finalText() {
    return finalText;
  }

  /** The failure notice, or null when the reply finished normally. */
  public String notice() {
    return notice;
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized long updates() {
    return calls.stream().filter(c -> c.startsWith("update:")).count();
  }
}
