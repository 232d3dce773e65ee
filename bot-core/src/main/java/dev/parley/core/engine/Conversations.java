package dev.parley.core.engine;

import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.tickets.NewTicket;
import dev.parley.core.tickets.Ticket;
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

  /** Opens a ticket directly (a slash command), exactly once per {@code idempotencyKey}. */
  Ticket createTicket(NewTicket ticket, String idempotencyKey);
}
