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
    RateLimits rateLimits) {

  public ChatCompletion {
    content = Objects.requireNonNullElse(content, "");
    reasoning = Objects.requireNonNullElse(reasoning, "");
    toolCalls = List.copyOf(Objects.requireNonNullElse(toolCalls, List.of()));
  }

  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }
}
