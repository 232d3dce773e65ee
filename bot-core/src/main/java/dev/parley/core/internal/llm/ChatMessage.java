package dev.parley.core.internal.llm;

import java.util.List;
import java.util.Objects;

/**
 * One message of a chat-completions request.
 *
 * @param content null only for an assistant message that carries tool calls
 * @param name an optional participant name, null when unset
 * @param toolCalls only on assistant messages; empty otherwise
 * @param toolCallId only on tool messages; null otherwise
 */
public record ChatMessage(
    Role role, String content, String name, List<ToolCall> toolCalls, String toolCallId) {

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    toolCalls = List.copyOf(Objects.requireNonNullElse(toolCalls, List.of()));
    if (role == Role.TOOL && toolCallId == null) {
      throw new IllegalArgumentException("a tool message needs a tool_call_id");
    }
    if (role != Role.TOOL && toolCallId != null) {
      throw new IllegalArgumentException("only a tool message carries a tool_call_id");
    }
    if (role != Role.ASSISTANT && !toolCalls.isEmpty()) {
      throw new IllegalArgumentException("only an assistant message carries tool_calls");
    }
    if (content == null && toolCalls.isEmpty()) {
      throw new IllegalArgumentException(role.wireName() + " message needs content");
    }
  }

  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content, null, List.of(), null);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content, null, List.of(), null);
  }

  public static ChatMessage user(String content, String name) {
    return new ChatMessage(Role.USER, content, name, List.of(), null);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content, null, List.of(), null);
  }

  /** An assistant turn that called tools; {@code content} may be null. */
  public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
    return new ChatMessage(Role.ASSISTANT, content, null, toolCalls, null);
  }

  public static ChatMessage tool(String toolCallId, String content) {
    return new ChatMessage(Role.TOOL, content, null, List.of(), toolCallId);
  }
}
