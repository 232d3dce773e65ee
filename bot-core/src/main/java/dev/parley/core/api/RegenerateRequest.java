package dev.parley.core.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone asks for the last answer of a conversation again (a "Regenerate" button). The question
 * is not part of the request: the core takes it from the conversation's stored history, so the
 * request works on any instance and after a restart, and a forged request cannot ask anything new.
 *
 * @param eventId the platform's id of the click, for deduplication; null disables it
 * @param userId who clicked: only the person who asked that question, or an admin, may
 */
public record RegenerateRequest(String eventId, ConversationKey conversation, String userId, Instant receivedAt) {

  public RegenerateRequest {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
