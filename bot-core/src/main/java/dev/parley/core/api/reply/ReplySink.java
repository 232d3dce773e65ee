package dev.parley.core.api.reply;


/**
 * Shows one reply on a chat platform as it is written. Adapters implement it; the core calls it
 * through the edit throttle, never more than one call at a time for one reply.
 *
 * <p>Each method blocks until the platform answered. Texts are always the whole reply so far, not
 * a delta: an adapter that splits long replies over several messages does so itself, usually
 * through {@link ReplyMessages}.
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

  /** How often this platform lets us edit. Shared by every reply in the same channel. */
  EditBudget budget();
}
