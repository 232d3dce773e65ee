package dev.parley.core.internal.llm;

import java.util.List;
import java.util.Objects;

/**
 * What one streamed completion produced.
 *
 * @param id the completion id ({@code chatcmpl-…}), or null if none arrived
 * @param model the model that answered, or null if none arrived
 * @param requestId Groq's {@code x_groq.id} ({@code req_…}), or null
 * @param content the answer text; empty when the model only called tools
 * @param reasoning the reasoning text of a reasoning model; empty otherwise
 * @param toolCalls tool calls assembled by index, in index order
 * @param finishReason null when the stream did not finish
 * @param usage null when the server did not report it
 * @param rateLimits the rate-limit headers of the response, or null
 * @param executedTools the tools the server ran itself (Groq's Compound systems and built-in
 *     tools), in index order; empty for an ordinary model
 */
public record ChatCompletion(
    String id,
    String model,
    String requestId,
    String content,
    String reasoning,
    List<ToolCall> toolCalls,
    FinishReason finishReason,
    Usage usage,
    RateLimits rateLimits,
    List<ExecutedTool> executedTools) {

  public ChatCompletion {
    content = Objects.requireNonNullElse(content, "");
    reasoning = Objects.requireNonNullElse(reasoning, "");
    toolCalls = List.copyOf(Objects.requireNonNullElse(toolCalls, List.of()));
    executedTools = List.copyOf(Objects.requireNonNullElse(executedTools, List.of()));
  }

  /** A completion in which the server ran no tools of its own. */
  public ChatCompletion(String id, String model, String requestId, String content, String reasoning,
      List<ToolCall> toolCalls, FinishReason finishReason, Usage usage, RateLimits rateLimits) {
    this(id, model, requestId, content, reasoning, toolCalls, finishReason, usage, rateLimits, List.of());
  }

  /** Every page the server's own tools read, in the order they ran; may repeat a page. */
  public List<WebSource> sources() {
    return executedTools.stream().flatMap(tool -> tool.sources().stream()).toList();
  }

  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }
}
