package dev.parley.core.tools;

import dev.parley.core.conversation.ConversationKey;
import java.util.Objects;

/**
 * Who asked for a tool call, and where.
 *
 * @param toolCallId the model's call id; tools that create things use it as an idempotency key
 * @param requesterId the platform user id of the person who asked
 * @param requesterName the person's display name, or null
 * @param conversation the conversation the call belongs to
 * @param permalink a link back to the conversation, or null if the platform has none
 */
public record ToolContext(
    String toolCallId,
    String requesterId,
    String requesterName,
    ConversationKey conversation,
    String permalink) {

  public ToolContext {
    Objects.requireNonNull(toolCallId, "toolCallId");
    Objects.requireNonNull(requesterId, "requesterId");
    Objects.requireNonNull(conversation, "conversation");
  }
}
