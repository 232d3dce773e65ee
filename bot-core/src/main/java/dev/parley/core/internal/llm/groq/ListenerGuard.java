package dev.parley.core.internal.llm.groq;

import dev.parley.core.internal.llm.ChatCompletion;
import dev.parley.core.internal.llm.ChatStreamListener;
import dev.parley.core.internal.llm.LlmException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the {@link ChatStreamListener} contract whatever thread calls: one callback at a time,
 * exactly one terminal callback, nothing after it, nothing after a cancel. The lock is held while
 * the listener runs, so {@link #cancel()} returns only once an in-flight callback has returned
 * (from inside a callback it returns at once: the lock is reentrant).
 */
final class ListenerGuard {
  private static final Logger log = LoggerFactory.getLogger(ListenerGuard.class);

  private final ChatStreamListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean terminated;
  private volatile boolean canceled;
  private volatile boolean deltaDelivered;

  ListenerGuard(ChatStreamListener listener) {
    this.listener = listener;
  }

  void content(String delta) {
    if (!delta.isEmpty()) deliver(() -> listener.onContent(delta), false, true);
  }

  void reasoning(String delta) {
    if (!delta.isEmpty()) deliver(() -> listener.onReasoning(delta), false, true);
  }

  void complete(ChatCompletion completion) {
    deliver(() -> listener.onComplete(completion), true, false);
  }

  void fail(LlmException error, ChatCompletion partial) {
    deliver(() -> listener.onError(error, partial), true, false);
  }

  /** Whether any text reached the listener: from then on a failure is surfaced, never retried. */
  boolean deltaDelivered() {
    return deltaDelivered;
  }

  boolean isOpen() {
    return !canceled && !terminated;
  }

  /** Runs {@code action} under the lock unless the stream is over; false if it did not run. */
  boolean runIfOpen(Runnable action) {
    lock.lock();
    try {
      if (!isOpen()) return false;
      action.run();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Closes the door; waits for a callback running on another thread to return. */
  void cancel() {
    canceled = true;
    lock.lock();
    lock.unlock();
  }

  private void deliver(Runnable callback, boolean terminal, boolean delta) {
    lock.lock();
    try {
      if (!isOpen()) return;
      if (terminal) terminated = true;
      if (delta) deltaDelivered = true;
      callback.run();
    } catch (RuntimeException e) {
      // A listener bug must not kill the reader thread nor turn into a second terminal callback.
      log.warn("chat stream listener threw", e);
    } finally {
      lock.unlock();
    }
  }
}
