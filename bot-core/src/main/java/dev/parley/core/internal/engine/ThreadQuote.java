package dev.parley.core.internal.engine;

import dev.parley.core.api.EarlierMessage;
import dev.parley.core.api.EarlierMessages;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.internal.history.ThreadContext;
import dev.parley.core.internal.history.TokenEstimator;
import dev.parley.core.internal.history.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the thread a question was asked in, through the adapter's {@link EarlierMessages}, and
 * makes it the quoted turn before the question. Called on the turn's worker thread once the turn
 * came, so a duplicate, refused or limited message never reads the thread.
 *
 * <p>A conversation that was reset ({@code generation > 0}) is not read again: the people there
 * asked Parley to forget it, and the thread still holds what they meant it to forget.
 */
final class ThreadQuote {
  private static final Logger log = LoggerFactory.getLogger(ThreadQuote.class);

  private ThreadQuote() {}

  /**
   * @param stored the conversation's stored turns, without the new question
   * @return what of the thread is new to the conversation; {@link ThreadContext#NONE} when there
   *     is nothing, and when reading failed (context is an aid: the answer goes on without it)
   */
  static ThreadContext read(IncomingMessage message, List<Turn> stored, long generation) {
    if (message.earlier() == EarlierMessages.NONE || generation > 0) return ThreadContext.NONE;
    List<EarlierMessage> read;
    try {
      read = message.earlier().read();
    } catch (RuntimeException e) {
      log.warn("could not read the thread before the question; answering without it", e);
      return ThreadContext.NONE;
    }
    ThreadContext context = ThreadContext.select(read == null ? List.of() : read, stored, message.receivedAt());
    log.debug("thread read before the question read={} quoted={}", read == null ? 0 : read.size(), context.size());
    return context;
  }

  /**
   * The quote, within at most half of {@code left} (what the system prompt and the question leave
   * of the prompt's budget), so the latest exchanges of the conversation still fit beside it; the
   * oldest quoted messages go first. Empty when there is nothing to quote or nothing fits.
   */
  static Optional<Turn> fit(ThreadContext context, int left, TokenEstimator estimator) {
    if (context.isEmpty()) return Optional.empty();
    Optional<Turn> fitted = context.fit(Math.max(0, left / 2), estimator);
    if (fitted.isEmpty()) log.info("the thread before the question did not fit into the prompt; answering without it");
    return fitted;
  }

  /** {@code history}, which ends with the new question, with {@code quote} just before the question. */
  static List<Turn> beforeQuestion(List<Turn> history, Turn quote) {
    List<Turn> with = new ArrayList<>(history.subList(0, history.size() - 1));
    with.add(quote);
    with.add(history.getLast());
    return with;
  }
}
