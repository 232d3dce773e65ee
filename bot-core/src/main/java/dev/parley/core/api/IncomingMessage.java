package dev.parley.core.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user's message, already mapped from a platform event by an adapter.
 *
 * @param eventId the platform's event id for deduplication ({@code event_id}, an interaction or
 *     message id); null if the platform gives none, which disables deduplication
 * @param text the prompt with the bot's mention stripped
 * @param permalink a link to the message or thread, or null
 * @param attachments files that came with the message, in the order the user attached them
 * @param earlier the thread before this message, read only if the core uses it;
 *     {@link EarlierMessages#NONE} where there is nothing the bot has not seen
 */
public record IncomingMessage(
    String eventId,
    ConversationKey conversation,
    String authorId,
    String authorName,
    String text,
    String permalink,
    Instant receivedAt,
    List<Attachment> attachments,
    EarlierMessages earlier) {

  /** A message of text alone. */
  public IncomingMessage(String eventId, ConversationKey conversation, String authorId, String authorName, String text,
      String permalink, Instant receivedAt) {
    this(eventId, conversation, authorId, authorName, text, permalink, receivedAt, List.of());
  }

  /** A message with attachments, and no earlier thread to read. */
  public IncomingMessage(String eventId, ConversationKey conversation, String authorId, String authorName, String text,
      String permalink, Instant receivedAt, List<Attachment> attachments) {
    this(eventId, conversation, authorId, authorName, text, permalink, receivedAt, attachments, EarlierMessages.NONE);
  }

  public IncomingMessage {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(authorId, "authorId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(receivedAt, "receivedAt");
    attachments = List.copyOf(Objects.requireNonNullElse(attachments, List.of()));
    earlier = Objects.requireNonNullElse(earlier, EarlierMessages.NONE);
  }

  /** The same message with {@code files} attached. */
  public IncomingMessage withAttachments(List<Attachment> files) {
    return new IncomingMessage(eventId, conversation, authorId, authorName, text, permalink, receivedAt, files, earlier);
  }

  /** The same message, linked back to where it was said by {@code link}. */
  public IncomingMessage withPermalink(String link) {
    return new IncomingMessage(eventId, conversation, authorId, authorName, text, link, receivedAt, attachments, earlier);
  }

  /** The same message, with the thread before it readable through {@code thread}. */
  public IncomingMessage withEarlierMessages(EarlierMessages thread) {
    return new IncomingMessage(eventId, conversation, authorId, authorName, text, permalink, receivedAt, attachments,
        thread);
  }
}
