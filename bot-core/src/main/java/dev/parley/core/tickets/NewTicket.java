package dev.parley.core.tickets;

import dev.parley.core.conversation.ConversationKey;
import java.util.Objects;
import java.util.Set;

/** What it takes to open a ticket. Validates itself. */
public record NewTicket(
    String title,
    String description,
    String priority,
    String reporterId,
    String reporterName,
    ConversationKey conversation,
    String permalink) {

  public static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

  public NewTicket {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    if (title.isBlank()) throw new IllegalArgumentException("title must not be blank");
    if (title.length() > 200) throw new IllegalArgumentException("title must be at most 200 characters");
    priority = priority == null ? "normal" : priority;
    if (!PRIORITIES.contains(priority)) {
      throw new IllegalArgumentException("priority must be one of " + PRIORITIES + ": " + priority);
    }
    Objects.requireNonNull(reporterId, "reporterId");
    Objects.requireNonNull(conversation, "conversation");
  }
}
