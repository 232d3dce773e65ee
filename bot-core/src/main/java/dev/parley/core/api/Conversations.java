package dev.parley.core.api;

import dev.parley.core.internal.engine.ConversationEngine;
import dev.parley.core.api.reply.ReplySinkFactory;

import java.util.List;

/**
 * The in-port that platform adapters call. Implemented by {@code ConversationEngine}.
 * Thread-safe; every method may be called from a platform's event thread.
 */
public interface Conversations {

  /**
   * Accepts one message and returns at once: it deduplicates by event id, checks request limits,
   * takes the conversation's place in line, and streams the answer into {@code sink} on a
   * virtual thread. The sink is called only if the status is {@code ACCEPTED}, {@code LIMITED}
   * or {@code REJECTED}, and not for a {@code LIMITED} message whose conversation was already told
   * of the limit in the last minute: an adapter that showed something before submitting (a
   * deferred interaction) removes it when the factory was never called.
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

  /** The model this conversation uses: its own choice, else the channel's, else the default. */
  String currentModel(ConversationKey key);

  /**
   * Switches this conversation's model.
   *
   * @throws IllegalArgumentException if the server does not offer {@code model}
   */
  void switchModel(ConversationKey key, String model);

  /** Model ids the server offers, active ones only, sorted. Cached; may block on first call. */
  List<String> availableModels();

  /** The settings of the conversation's channel, such as whether it is a support channel. */
  ChannelSettings settingsFor(ConversationKey key);

  /**
   * Stores a user's feedback on an answer.
   *
   * @param replyId the platform id of the answer message
   * @param positive thumbs up or down
   */
  void recordFeedback(ConversationKey key, String replyId, String userId, boolean positive);

  /**
   * Opens a ticket directly (a slash command) in the tenant of {@code ticket.conversation()},
   * exactly once per conversation and {@code eventId}. It counts against the same request limits
   * as a question and against the user's daily ticket cap; past either, nothing is opened and the
   * outcome carries the notice to show.
   *
   * @param eventId the platform's id of the command (an interaction id, a trigger id)
   */
  TicketOutcome createTicket(NewTicket ticket, String eventId);

  /** A direct ticket command's result: the ticket, or, when none was opened, the notice why. */
  record TicketOutcome(Ticket ticket, String notice) {
    public TicketOutcome {
      if ((ticket == null) == (notice == null)) throw new IllegalArgumentException("exactly one of ticket and notice");
    }

    public static TicketOutcome opened(Ticket ticket) {
      return new TicketOutcome(ticket, null);
    }

    public static TicketOutcome refused(String notice) {
      return new TicketOutcome(null, notice);
    }

    public boolean isOpened() {
      return ticket != null;
    }
  }
}
