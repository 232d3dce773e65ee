package dev.parley.core.console;

import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.ReplySink;
import dev.parley.core.api.reply.TokenBucket;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Shows a reply in a terminal. A terminal cannot edit what it printed, so each update prints only
 * what is new since the last one; a text that no longer extends what was printed (a progress line
 * went away) continues on a new line.
 */
final class ConsoleReplySink implements ReplySink {
  private static final EditBudget BUDGET = new EditBudget(Duration.ofMillis(30), TokenBucket.unlimited());

  private final PrintStream out;
  private final CountDownLatch ended = new CountDownLatch(1);
  private String printed = "";

  ConsoleReplySink(PrintStream out) {
    this.out = out;
  }

  @Override
  public void start() {
    out.print("parley> ");
    out.flush();
  }

  @Override
  public synchronized void update(String textSoFar) {
    emit(textSoFar);
  }

  @Override
  public synchronized void finish(String finalText) {
    emit(finalText);
    out.println();
    out.flush();
    ended.countDown();
  }

  @Override
  public synchronized void fail(String partialText, String notice) {
    emit(partialText);
    out.println(partialText.isEmpty() ? "[" + notice + "]" : "\n[" + notice + "]");
    out.flush();
    ended.countDown();
  }

  @Override
  public EditBudget budget() {
    return BUDGET;
  }

  /** Blocks until the reply finished or failed. */
  void awaitEnd() throws InterruptedException {
    ended.await();
  }

  private void emit(String text) {
    int common = 0;
    int max = Math.min(printed.length(), text.length());
    while (common < max && printed.charAt(common) == text.charAt(common)) common++;
    if (common < printed.length()) out.print("\n");
    out.print(text.substring(common));
    out.flush();
    printed = text;
  }
}
