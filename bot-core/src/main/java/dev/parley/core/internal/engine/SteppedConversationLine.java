package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.handoff.HandoffStore;
import dev.parley.core.internal.history.HistoryStore;
import dev.parley.core.internal.history.Turn;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ConversationLine} that asks each store in turn: the handoffs, the sequencer, the
 * history, the conversation settings and the token budget. The in-memory stores use it, and so does any mix
 * that cannot do the steps in one round trip.
 */
final class SteppedConversationLine implements ConversationLine {
  private static final Logger log = LoggerFactory.getLogger(SteppedConversationLine.class);

  private final TurnSequencer sequencer;
  private final HistoryStore history;
  private final ConversationSettingsStore settings;
  private final TokenBudget budget;
  /** Null when handoff is not wired. */
  private final HandoffStore handoffs;

  SteppedConversationLine(TurnSequencer sequencer, HistoryStore history, ConversationSettingsStore settings,
      TokenBudget budget, HandoffStore handoffs) {
    this.sequencer = sequencer;
    this.history = history;
    this.settings = settings;
    this.budget = budget;
    this.handoffs = handoffs;
  }

  @Override
  public Optional<Place> enqueueUnlessHandedOff(ConversationKey key, Turn said) {
    if (handoffs == null || handoffs.find(key).isEmpty()) return Optional.of(enqueue(key));
    if (said != null) history.append(key, List.of(said));
    return Optional.empty();
  }

  @Override
  public Place enqueue(ConversationKey key) {
    // Read first: a generation read that fails must not leave a place behind.
    long generation = history.generation(key);
    return new SteppedPlace(key, generation, sequencer.enqueue(key));
  }

  private final class SteppedPlace implements Place {
    private final ConversationKey key;
    private final long generation;
    private final TurnSequencer.Ticket ticket;
    private final AtomicBoolean closed = new AtomicBoolean();

    SteppedPlace(ConversationKey key, long generation, TurnSequencer.Ticket ticket) {
      this.key = key;
      this.generation = generation;
      this.ticket = ticket;
    }

    @Override
    public long generation() {
      return generation;
    }

    @Override
    public Front awaitTurn(Duration maxWait) throws InterruptedException, TimeoutException {
      ticket.awaitTurn(maxWait);
      return new Front(history.load(key), settings.model(key));
    }

    @Override
    public boolean write(List<Turn> turns, long tokens) {
      spend(tokens);
      if (!ticket.stillHeld()) log.warn("turn lease expired before its history was written; writing anyway");
      boolean kept = history.append(key, generation, turns);
      try {
        close();
      } catch (RuntimeException e) {
        log.error("could not release the conversation's place in line; the next turn waits for its lease", e);
      }
      return kept;
    }

    @Override
    public Rewritten writeAnswerAgain(Turn question, List<Turn> turns, long tokens) {
      spend(tokens);
      try {
        // The generation first, as the one-step write checks it: a reset is a reset, not a move.
        if (history.generation(key) != generation) return Rewritten.RESET;
        if (!history.removeAnswerTo(key, question)) return Rewritten.MOVED_ON;
        return history.append(key, generation, turns) ? Rewritten.KEPT : Rewritten.RESET;
      } finally {
        try {
          close();
        } catch (RuntimeException e) {
          log.error("could not release the conversation's place in line; the next turn waits for its lease", e);
        }
      }
    }

    private void spend(long tokens) {
      if (tokens <= 0) return;
      try {
        budget.spend(key, tokens);
      } catch (RuntimeException e) {
        log.warn("could not count tokens against the tenant's budget tokens={}", tokens, e);
      }
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) ticket.close();
    }
  }
}
