package dev.parley.core.console;

import java.util.concurrent.CompletableFuture;

/** Console sessions on threads of their own, as in separate terminals. */
final class Terminals {
  private Terminals() {}

  /**
   * Runs {@code console} on a new daemon thread. Not on the common pool: a console blocks until
   * each answer ends, and on a two-core machine the common pool has a single thread, so a console
   * left blocked by one failing test would keep every later test's console from starting.
   */
  static CompletableFuture<Void> open(Runnable console) {
    CompletableFuture<Void> ended = new CompletableFuture<>();
    Thread.ofPlatform().name("test-terminal").daemon().start(() -> {
      try {
        console.run();
        ended.complete(null);
      } catch (Throwable e) {
        ended.completeExceptionally(e);
      }
    });
    return ended;
  }
}
