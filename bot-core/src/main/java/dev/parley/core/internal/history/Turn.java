package dev.parley.core.internal.history;

import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.Role;
import dev.parley.core.internal.llm.ToolCall;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One stored turn of a conversation, serialised as JSON in the history store.
 *
 * @param content the text; null only for an assistant turn that carries tool calls
 * @param authorId the platform user id of a user turn; null for assistant and tool turns
 * @param authorName the display name, so the model can tell the people of a thread apart
 * @param toolCalls the assistant's tool calls; empty otherwise
 * @param toolCallId a tool result's call id; null otherwise
 * @param tokenCount estimated or measured prompt tokens of this turn
 * @param interrupted true when this assistant answer was cut off and is not complete
 */
public record Turn(
    Role role,
    String content,
    String authorId,
    String authorName,
    List<ToolCall> toolCalls,
    String toolCallId,
    Instant timestamp,
    int tokenCount,
    boolean interrupted) {

  public Turn {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(timestamp, "timestamp");
    toolCalls = List.copyOf(Objects.requireNonNullElse(toolCalls, List.of()));
    if (tokenCount < 0) throw new IllegalArgumentException("tokenCount must not be negative");
  }

  public static Turn user(String content, String authorId, String authorName, Instant at, int tokens) {
    return new Turn(Role.USER, content, authorId, authorName, List.of(), null, at, tokens, false);
  }

  public static Turn assistant(String content, Instant at, int tokens) {
    return new Turn(Role.ASSISTANT, content, null, null, List.of(), null, at, tokens, false);
  }

  public static Turn assistantInterrupted(String partialContent, Instant at, int tokens) {
    return new Turn(Role.ASSISTANT, partialContent, null, null, List.of(), null, at, tokens, true);
  }

  public static Turn toolCalls(String content, List<ToolCall> calls, Instant at, int tokens) {
    return new Turn(Role.ASSISTANT, content, null, null, calls, null, at, tokens, false);
  }

  public static Turn toolResult(String toolCallId, String content, Instant at, int tokens) {
    return new Turn(Role.TOOL, content, null, null, List.of(), toolCallId, at, tokens, false);
  }

  /** The index of the last user turn (the conversation's last question) in {@code turns}, or -1. */
  public static int lastQuestionIndex(List<Turn> turns) {
    for (int i = turns.size() - 1; i >= 0; i--) {
      if (turns.get(i).role() == Role.USER) return i;
    }
    return -1;
  }

  /**
   * The turn as the model sees it. An interrupted answer is marked so the model knows. When
   * several people talk in one conversation ({@code attributed}), a user turn starts with its
   * author's display name, so the model can tell them apart. The OpenAI-style {@code name} field
   * would say the same, but Groq answers 400 to {@code messages[].name}.
   */
  public ChatMessage toMessage(boolean attributed) {
    return switch (role) {
      case SYSTEM -> ChatMessage.system(content);
      case USER -> ChatMessage.user(attributed && authorName != null ? authorName + ": " + content : content);
      case ASSISTANT -> toolCalls.isEmpty()
          ? ChatMessage.assistant(interrupted ? content + "\n[answer was cut off]" : content)
          : ChatMessage.assistant(content, toolCalls);
      case TOOL -> ChatMessage.tool(toolCallId, content);
    };
  }
}
