package dev.parley.core.console;

import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.ReplySink;
import dev.parley.core.api.reply.TokenBucket;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Shows a reply in a terminal. A terminal cannot edit what it printed, so each update prints only
 * what is new since the last one; a text that no longer extends what was printed continues on a
 * new line. Progress lines go to a separate stream (stderr by default), so that the answer on
 * stdout stays exactly the answer, also when it is piped.
 */
final class ConsoleReplySink implements ReplySink {
  private static final EditBudget BUDGET = new EditBudget(Duration.ofMillis(30), TokenBucket.unlimited());

  private final PrintStream out;
  private final PrintStream progress;
  private final CountDownLatch ended = new CountDownLatch(1);
  private String printed = "";

  ConsoleReplySink(PrintStream out) {
    this(out, System.err);
  }

  /** @param progress where status lines go, one per line */
  ConsoleReplySink(PrintStream out, PrintStream progress) {
    this.out = out;
    this.progress = progress;
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

  /** A cleared status needs nothing: the terminal keeps its history. */
  @Override
  public synchronized void status(String line) {
    if (line == null || line.isBlank()) return;
    progress.println("(" + line.strip() + ")");
    progress.flush();
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
