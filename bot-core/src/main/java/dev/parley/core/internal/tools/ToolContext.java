package dev.parley.core.internal.tools;

import dev.parley.core.api.ConversationKey;
import java.util.Objects;

/**
 * Who asked for a tool call, and where.
 *
 * @param toolCallId the model's call id; models reuse ids such as {@code call_0} across turns
 *     and conversations, so it is never an idempotency key alone (see {@link #idempotencyKey()})
 * @param eventId the platform event of the message being answered, or, when the platform gave
 *     none, an id unique to the answering turn
 * @param requesterId the platform user id of the person who asked
 * @param requesterName the person's display name, or null
 * @param conversation the conversation the call belongs to
 * @param permalink a link back to the conversation, or null if the platform has none
 * @param turn what the tools of this answering turn have done so far, shared by its rounds
 */
public record ToolContext(
    String toolCallId,
    String eventId,
    String requesterId,
    String requesterName,
    ConversationKey conversation,
    String permalink,
    TurnUsage turn) {

  public ToolContext {
    Objects.requireNonNull(toolCallId, "toolCallId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(requesterId, "requesterId");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(turn, "turn");
  }

  /**
   * The key that makes what this call creates exactly-once: the conversation, the event and the
   * call id together. A retried round or a redelivered event repeats all three; another
   * conversation, or another message of the same one, never does.
   */
  public String idempotencyKey() {
    return conversation.asString() + "|" + eventId + "|" + toolCallId;
  }
}
