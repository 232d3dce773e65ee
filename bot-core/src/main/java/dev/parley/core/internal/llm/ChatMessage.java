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
 * @param parts only on user messages that carry images: their text and images, in order, sent as
 *     a content array instead of {@code content} (which is then null); empty otherwise
 */
public record ChatMessage(
    Role role, String content, String name, List<ToolCall> toolCalls, String toolCallId, List<ContentPart> parts) {

  /** A message of text or tool calls alone. */
  public ChatMessage(Role role, String content, String name, List<ToolCall> toolCalls, String toolCallId) {
    this(role, content, name, toolCalls, toolCallId, List.of());
  }

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    toolCalls = List.copyOf(Objects.requireNonNullElse(toolCalls, List.of()));
    parts = List.copyOf(Objects.requireNonNullElse(parts, List.of()));
    if (!parts.isEmpty() && (role != Role.USER || content != null)) {
      throw new IllegalArgumentException("only a user message carries content parts, instead of content");
    }
    if (role == Role.TOOL && toolCallId == null) {
      throw new IllegalArgumentException("a tool message needs a tool_call_id");
    }
    if (role != Role.TOOL && toolCallId != null) {
      throw new IllegalArgumentException("only a tool message carries a tool_call_id");
    }
    if (role != Role.ASSISTANT && !toolCalls.isEmpty()) {
      throw new IllegalArgumentException("only an assistant message carries tool_calls");
    }
    if (content == null && toolCalls.isEmpty() && parts.isEmpty()) {
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

  /** A user message of text and images, sent as a content array. */
  public static ChatMessage user(List<ContentPart> parts) {
    if (parts.isEmpty()) throw new IllegalArgumentException("a user message needs at least one part");
    return new ChatMessage(Role.USER, null, null, List.of(), null, parts);
  }

  /** The message's text: its content, or its text parts joined; empty when it has neither. */
  public String text() {
    if (content != null) return content;
    StringBuilder text = new StringBuilder();
    for (ContentPart part : parts) {
      if (part instanceof ContentPart.Text t) text.append(text.isEmpty() ? "" : "\n").append(t.text());
    }
    return text.toString();
  }

  /** Whether the message carries images, which only vision models take. */
  public boolean hasImages() {
    return parts.stream().anyMatch(ContentPart.ImageUrl.class::isInstance);
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
