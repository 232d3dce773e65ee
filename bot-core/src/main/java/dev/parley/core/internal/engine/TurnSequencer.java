package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.handoff.HandoffStore;
import dev.parley.core.internal.history.HistoryStore;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Runs one turn at a time per conversation, in arrival order, across every bot instance that
 * shares the store. Different conversations never wait for each other.
 */
public interface TurnSequencer {

  /**
   * Takes a place in the conversation's queue. Call it on the thread that received the event,
   * before handing work to another thread, so the place reflects arrival order. Fast: one round
   * trip at most.
   */
  Ticket enqueue(ConversationKey key);

  /**
   * The line a turn uses: this sequencer's places together with {@code history}'s generation and
   * turns, the model {@code settings} hold, and {@code budget}'s spending. A sequencer whose store
   * holds all of them does each step of a turn in one round trip; the rest ask each store in turn.
   */
  default ConversationLine lineWith(HistoryStore history, ConversationSettingsStore settings, TokenBudget budget) {
    return lineWith(history, settings, budget, null);
  }

  /**
   * {@link #lineWith(HistoryStore, ConversationSettingsStore, TokenBudget)} that also reads whether a
   * thread is handed off ({@link ConversationLine#enqueueUnlessHandedOff}) from {@code handoffs}, or
   * finds no thread handed off when it is null.
   */
  default ConversationLine lineWith(HistoryStore history, ConversationSettingsStore settings, TokenBudget budget,
      HandoffStore handoffs) {
    return new SteppedConversationLine(this, history, settings, budget, handoffs);
  }

  /** A place in one conversation's queue. Close it exactly once, whether or not the turn ran. */
  interface Ticket extends AutoCloseable {

    /**
     * Blocks until every earlier ticket of the conversation is closed or has expired.
     *
     * @throws TimeoutException if the turn did not come within {@code maxWait}; the ticket is
     *     then given up
     */
    void awaitTurn(Duration maxWait) throws InterruptedException, TimeoutException;

    /**
     * While the turn runs, proves it still holds the conversation (fencing). False if its lease
     * expired and a later ticket may have started.
     */
    boolean stillHeld();

    /** Ends the turn and lets the next ticket run. Idempotent. */
    @Override
    void close();
  }
}
