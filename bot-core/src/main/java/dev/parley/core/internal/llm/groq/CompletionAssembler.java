package dev.parley.core.internal.llm.groq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.llm.ChatCompletion;
import dev.parley.core.internal.llm.FinishReason;
import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.RateLimits;
import dev.parley.core.internal.llm.ToolCall;
import dev.parley.core.internal.llm.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the {@code chat.completion.chunk} events of one attempt into a {@link ChatCompletion}.
 * Tool calls are keyed by {@code index}: id and name come with a call's first fragment, the
 * {@code arguments} string may be split over many. Synchronized because a timeout on the timer
 * thread may take a partial snapshot while the reader thread is folding a chunk.
 */
final class CompletionAssembler {

  /** What one chunk adds for the listener; either text may be empty. */
  record Delta(String content, String reasoning) {}

  private final ObjectMapper json;
  private final StringBuilder content = new StringBuilder();
  private final StringBuilder reasoning = new StringBuilder();
  private final Map<Integer, PartialCall> calls = new TreeMap<>();
  private final ExecutedToolsAssembler executedTools = new ExecutedToolsAssembler();
  private String id;
  private String model;
  private String requestId;
  private FinishReason finishReason;
  private boolean finished;
  private Usage usage;

  CompletionAssembler(ObjectMapper json) {
    this.json = json;
  }

  /** Folds one {@code data:} payload in. */
  synchronized Delta accept(String data) {
    JsonNode chunk = parse(data);
    if (id == null) id = textOrNull(chunk.get("id"));
    if (model == null) model = textOrNull(chunk.get("model"));
    JsonNode groq = chunk.path("x_groq");
    if (requestId == null) requestId = textOrNull(groq.get("id"));
    JsonNode usageNode = chunk.hasNonNull("usage") ? chunk.get("usage") : groq.get("usage");
    if (usageNode != null && usageNode.isObject()) usage = usage(usageNode);
    JsonNode choice = chunk.path("choices").path(0);
    if (choice.isMissingNode()) return new Delta("", "");
    JsonNode delta = choice.path("delta");
    String text = textOrEmpty(delta.get("content"));
    String thought = textOrEmpty(delta.get("reasoning"));
    content.append(text);
    reasoning.append(thought);
    delta.path("tool_calls").forEach(this::acceptToolCall);
    executedTools.accept(delta.get("executed_tools"));
    String reason = textOrNull(choice.get("finish_reason"));
    if (reason != null) {
      finished = true;
      finishReason = FinishReason.fromWire(reason);
    }
    return new Delta(text, thought);
  }

  /** True once a chunk carried a {@code finish_reason}. */
  synchronized boolean finished() {
    return finished;
  }

  synchronized String requestId() {
    return requestId;
  }

  /** The finished completion; a tool call without id or name makes the stream malformed. */
  synchronized ChatCompletion complete(RateLimits rateLimits) {
    List<ToolCall> toolCalls = new ArrayList<>();
    for (Map.Entry<Integer, PartialCall> call : calls.entrySet()) {
      PartialCall partial = call.getValue();
      if (partial.id == null || partial.name == null) {
        throw new LlmErrors.MalformedStream("tool call " + call.getKey() + " has no id or name", null);
      }
      toolCalls.add(partial.toToolCall());
    }
    return snapshot(toolCalls, rateLimits);
  }

  /** What arrived so far, for {@code onError}: tool calls still lacking an id or name are left out. */
  synchronized ChatCompletion partial(RateLimits rateLimits) {
    List<ToolCall> toolCalls = calls.values().stream()
        .filter(call -> call.id != null && call.name != null).map(PartialCall::toToolCall).toList();
    return snapshot(toolCalls, rateLimits);
  }

  private ChatCompletion snapshot(List<ToolCall> toolCalls, RateLimits rateLimits) {
    return new ChatCompletion(id, model, requestId, content.toString(), reasoning.toString(),
        toolCalls, finishReason, usage, rateLimits, executedTools.tools());
  }

  private JsonNode parse(String data) {
    try {
      JsonNode chunk = json.readTree(data);
      if (chunk == null || !chunk.isObject()) throw new IOException("not a JSON object");
      return chunk;
    } catch (IOException e) {
      throw new LlmErrors.MalformedStream("a chunk is not valid JSON: " + abbreviate(data), e);
    }
  }

  private void acceptToolCall(JsonNode fragment) {
    int index = fragment.path("index").asInt(calls.size());
    PartialCall call = calls.computeIfAbsent(index, ignored -> new PartialCall());
    JsonNode function = fragment.path("function");
    if (call.id == null) call.id = textOrNull(fragment.get("id"));
    if (call.name == null) call.name = textOrNull(function.get("name"));
    call.arguments.append(textOrEmpty(function.get("arguments")));
  }

  private static Usage usage(JsonNode node) {
    return new Usage(node.path("prompt_tokens").asInt(), node.path("completion_tokens").asInt(),
        node.path("total_tokens").asInt(), node.path("queue_time").asDouble(),
        node.path("prompt_time").asDouble(), node.path("completion_time").asDouble(),
        node.path("total_time").asDouble());
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static String textOrEmpty(JsonNode node) {
    return node == null || node.isNull() ? "" : node.asText();
  }

  private static String abbreviate(String data) {
    return data.length() > 200 ? data.substring(0, 200) + "…" : data;
  }

  private static final class PartialCall {
    private String id;
    private String name;
    private final StringBuilder arguments = new StringBuilder();

    ToolCall toToolCall() {
      return new ToolCall(id, name, arguments.toString());
    }
  }
}
