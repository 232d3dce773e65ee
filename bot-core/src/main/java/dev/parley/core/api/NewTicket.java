package dev.parley.core.api;

import java.util.Objects;
import java.util.Set;

/**
 * What it takes to open a ticket. Validates itself with the same bounds the {@code create_ticket}
 * JSON Schema states, counted in code points as JSON Schema counts them, so a ticket opened by a
 * slash command is bounded like one opened by the model.
 */
public record NewTicket(
    String title,
    String description,
    String priority,
    String reporterId,
    String reporterName,
    ConversationKey conversation,
    String permalink) {

  public static final int MAX_TITLE = 200;
  public static final int MAX_DESCRIPTION = 8_000;
  public static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

  public NewTicket {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    if (title.isBlank()) throw new IllegalArgumentException("title must not be blank");
    if (title.codePointCount(0, title.length()) > MAX_TITLE) {
      throw new IllegalArgumentException("title must be at most " + MAX_TITLE + " characters");
    }
    if (description.isBlank()) throw new IllegalArgumentException("description must not be blank");
    if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
      throw new IllegalArgumentException("description must be at most " + MAX_DESCRIPTION + " characters");
    }
    priority = priority == null ? "normal" : priority;
    if (!PRIORITIES.contains(priority)) {
      throw new IllegalArgumentException("priority must be one of " + PRIORITIES + ": " + priority);
    }
    Objects.requireNonNull(reporterId, "reporterId");
    Objects.requireNonNull(conversation, "conversation");
  }
}
