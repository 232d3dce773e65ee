package dev.parley.core.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's message, already mapped from a platform event by an adapter.
 *
 * @param eventId the platform's event id for deduplication ({@code event_id}, an interaction or
 *     message id); null if the platform gives none, which disables deduplication
 * @param text the prompt with the bot's mention stripped
 * @param permalink a link to the message or thread, or null
 */
public record IncomingMessage(
    String eventId,
    ConversationKey conversation,
    String authorId,
    String authorName,
    String text,
    String permalink,
    Instant receivedAt) {

  public IncomingMessage {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(authorId, "authorId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
