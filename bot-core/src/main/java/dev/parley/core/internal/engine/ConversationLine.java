package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.history.Turn;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * What one turn reads and writes of its conversation, in the three steps a turn has: take a place in
 * line on arrival (reading the history generation with it), read what the prompt needs once the turn
 * comes, and write the answer while leaving the line. The Redis stores make each step one round trip
 * ({@link TurnSequencer#lineWith}); otherwise the stores are asked one after the other, with the
 * same result. Thread-safe.
 */
public interface ConversationLine {

  /**
   * Takes a place in the conversation's line and reads its history generation, in arrival order:
   * call it on the thread that received the event. Close the place exactly once.
   */
  Place enqueue(ConversationKey key);

  /**
   * {@link #enqueue}, unless the thread is handed off to people: in a channel with handoff
   * configured, whether the thread is quiet is read in the same step that takes the place (one
   * round trip on Redis), so a turn there costs what a turn costs anywhere. Call it only when
   * nothing was shown yet: a quiet thread shows nothing at all.
   *
   * <p>A handed-off thread keeps {@code said} instead, appended to the history in the same step
   * (under the history's turn and byte caps, in whatever generation holds), so that after
   * {@code resume} the model knows what people said meanwhile.
   *
   * @param said the message as a user turn, or null when there is nothing to keep (a regenerate)
   * @return empty, having taken no place, when the thread is handed off; else the place, to be
   *     closed exactly once
   */
  Optional<Place> enqueueUnlessHandedOff(ConversationKey key, Turn said);

  /** What the prompt of a turn starts from, read once the turn came. */
  record Front(List<Turn> history, Optional<String> model) {
    public Front {
      history = List.copyOf(history);
      Objects.requireNonNull(model, "model");
    }
  }

  /** One place in line. */
  interface Place extends AutoCloseable {

    /** The conversation's history generation when the place was taken. */
    long generation();

    /**
     * Blocks until every earlier place of the conversation is closed or has expired, then reads the
     * stored history and the model the conversation picked.
     *
     * @throws TimeoutException if the turn did not come within {@code maxWait}; the place is then
     *     given up
     */
    Front awaitTurn(Duration maxWait) throws InterruptedException, TimeoutException;

    /**
     * Appends {@code turns} while the conversation is still at {@link #generation()} (the atomic
     * step of {@link dev.parley.core.internal.history.HistoryStore#append(ConversationKey, long, List)}),
     * counts {@code tokens} (0 for none) against the tenant's budget, and leaves the line, so the next
     * turn starts. The tokens are counted even when the write fails, and a failure to count them is
     * logged, never thrown: accounting must not cost an answer.
     *
     * @return false, having written nothing, when the conversation was reset since the place was taken
     * @throws RuntimeException when the store failed; nothing was written, and {@link #close} still
     *     leaves the line
     */
    boolean write(List<Turn> turns, long tokens);

    /** What {@link #writeAnswerAgain} did. */
    enum Rewritten { KEPT, RESET, MOVED_ON }

    /**
     * {@link #write} for an answer asked again: in the same atomic step, first drops the stored
     * answer to {@code question}, which must still be the conversation's last question. Until then
     * the old answer stays, so a regenerate that ends without text leaves the conversation as it
     * was.
     *
     * @return {@code KEPT}; {@code RESET} when the conversation was reset since the place was
     *     taken, or {@code MOVED_ON} when {@code question} is no longer its last question (a late
     *     holder whose lease ran out): nothing was written then
     * @throws RuntimeException when the store failed, as {@link #write} does
     */
    Rewritten writeAnswerAgain(Turn question, List<Turn> turns, long tokens);

    /** Leaves the line without writing. Idempotent, also after {@link #write}. */
    @Override
    void close();
  }
}
