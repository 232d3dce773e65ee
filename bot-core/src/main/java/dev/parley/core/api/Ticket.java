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
 * @param backend the tracker that holds it ({@code github}, {@code jira}, {@code webhook}), or null
 *     when it lives only in Parley's own store
 * @param externalId the tracker's id (GitHub {@code owner/name#12}, Jira {@code KEY-12}, the
 *     webhook receiver's id), or null
 * @param externalUrl where people open it in the tracker, or null
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
    Instant createdAt,
    String backend,
    String externalId,
    String externalUrl) {

  /** A ticket that lives only in Parley's own store. */
  public Ticket(String id, String title, String description, String priority, String status, String reporterId,
      String reporterName, ConversationKey conversation, String permalink, Instant createdAt) {
    this(id, title, description, priority, status, reporterId, reporterName, conversation, permalink, createdAt,
        null, null, null);
  }

  public Ticket {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reporterId, "reporterId");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(createdAt, "createdAt");
    if ((backend == null) != (externalId == null)) {
      throw new IllegalArgumentException("backend and externalId are given together or not at all");
    }
  }

  /** This ticket as recorded after {@code backend} created it as {@code externalId}. */
  public Ticket withExternal(String backend, String externalId, String externalUrl) {
    return new Ticket(id, title, description, priority, status, reporterId, reporterName, conversation, permalink,
        createdAt, Objects.requireNonNull(backend, "backend"), Objects.requireNonNull(externalId, "externalId"),
        externalUrl);
  }

  /** Whether a tracker outside Parley holds this ticket. */
  public boolean isExternal() {
    return externalId != null;
  }
}
