package dev.parley.core.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A support ticket.
 *
 * @param id a prefix and a number, such as {@code SUP-42}
 * @param priority {@code low}, {@code normal}, {@code high} or {@code urgent}
 * @param status {@code open} on creation
 * @param permalink a link to the conversation it came from, or null
 */
public record Ticket(
    String id,
    String title,
    String description,
    String priority,
    String status,
    String reporterId,
    String reporterName,
    ConversationKey conversation,
    String permalink,
    Instant createdAt) {

  public Ticket {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reporterId, "reporterId");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
