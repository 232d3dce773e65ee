package dev.parley.core.console;

import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.ReplySink;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Shows a reply in a terminal as it is written. A terminal cannot edit what it printed, so each
 * update prints only what is new since the last one; a text that replaces what was printed
 * instead of extending it (a progress line went away) is printed again in full on a new line, so
 * the screen always ends with the whole reply.
 *
 * <p>Its budget is {@link EditBudget#unpaced()}: printing costs nothing and spares no platform,
 * so every token goes out as it arrives, whatever reply cadence the channel has for chat platforms.
 *
 * <p>Progress lines go to a separate stream (stderr by default), so that the answer on stdout
 * stays exactly the answer, also when it is piped.
 */
final class ConsoleReplySink implements ReplySink {
  private static final EditBudget BUDGET = EditBudget.unpaced();

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
    if (text.startsWith(printed)) {
      out.print(text.substring(printed.length()));
    } else if (!text.isEmpty()) {
      out.print("\n" + text);
    } else {
      return;
    }
    out.flush();
    printed = text;
  }
}
