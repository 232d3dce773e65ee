package dev.parley.core.api;

import dev.parley.core.api.reply.ReplySinkFactory;

/**
 * The in-port every adapter calls for conversations: ask, stop, forget. Thread-safe; every method
 * may be called from a platform's event thread and returns without waiting for a model.
 */
public interface Conversations {

  /**
   * Accepts one message and returns at once: it deduplicates by event id, checks request limits,
   * takes the conversation's place in line, and streams the answer into the sink on a virtual
   * thread. The sink is opened only if the status is {@code ACCEPTED}, {@code LIMITED} or
   * {@code REJECTED}, and not for a {@code LIMITED} message whose conversation was already told of
   * the limit in the last minute: an adapter that showed something before submitting (a deferred
   * interaction) removes it when the factory was never called.
   */
  Submission submit(IncomingMessage message, ReplySinkFactory sinks);

  /**
   * Stops the answer being written in a conversation, on whichever instance writes it (a "Stop"
   * button may be clicked on another instance than the one streaming). The text so far stays,
   * marked as stopped. No-op when nothing is being written.
   */
  void stop(ConversationKey key);

  /**
   * Answers the conversation's last question again, in place of its answer, and returns at once
   * like {@link #submit}: deduplicated by event id, counted against the clicker's request limits,
   * and in the conversation's line behind whatever came before. The question comes from the stored
   * history, so this works on any instance and after a restart; it is not stored a second time.
   *
   * <p>Only the person who asked that question, or an admin, may: anyone else gets
   * {@link Submission.Status#NOT_ALLOWED} and no sink is opened. When there is no question (the
   * history was reset or has expired), or when the conversation moved on before this request's
   * turn came (an answer was still being written, or a new question arrived), the sink shows a
   * notice and nothing changes: a streaming answer is never stopped by a regenerate.
   */
  Submission regenerate(RegenerateRequest request, ReplySinkFactory sinks);

  /** Forgets a conversation's history. */
  void reset(ConversationKey key);
}
