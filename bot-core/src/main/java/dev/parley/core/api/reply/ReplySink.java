package dev.parley.core.api.reply;


/**
 * Shows one reply on a chat platform as it is written. Adapters implement it; the core calls it
 * through the edit throttle, never more than one call at a time for one reply.
 *
 * <p>Each method blocks until the platform answered. Texts are always the whole reply so far, not
 * a delta: an adapter that splits long replies over several messages does so itself, usually
 * through {@link ReplyMessages}. Progress that is not part of the answer ("Creating ticket…")
 * arrives only through {@link #status}.
 */
public interface ReplySink {

  /** Posts the placeholder, or sets a "thinking" status. Called once, first. */
  void start();

  /**
   * Shows the text so far.
   *
   * @throws EditRejectedException when the platform rate-limited the edit; the throttle waits
   *     and sends the newest text instead
   */
  void update(String textSoFar);

  /** Shows the final text. Called once, last, unless {@link #fail} is called instead. */
  void finish(String finalText);

  /**
   * Ends the reply with a readable notice, keeping {@code partialText} (which may be empty)
   * visible above it. Called once, last, instead of {@link #finish}.
   */
  void fail(String partialText, String notice);

  /**
   * Shows a transient progress line beside the reply, such as "Creating ticket…" while a tool
   * runs, or clears it when {@code line} is null or blank. The line is never part of the answer:
   * the texts given to {@link #update}, {@link #finish} and {@link #fail} never contain it, and a
   * sink must show it so that it does not change how the answer itself is written (a platform
   * that streams the answer natively keeps streaming). Best effort: a sink with nowhere to show
   * it ignores it, which is what this default does, and a refusal other than a rate limit is
   * logged, not thrown. {@link #finish} and {@link #fail} clear a line still showing.
   *
   * <p>Called like the other methods, one call at a time, between {@link #start} and the end.
   *
   * @throws EditRejectedException when the platform rate-limited it; the throttle waits and
   *     sends the newest line instead
   */
  default void status(String line) {}

  /** How often this platform lets us edit. Shared by every reply in the same channel. */
  EditBudget budget();
}
