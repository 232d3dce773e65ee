package dev.parley.core.internal.llm.groq;

import com.fasterxml.jackson.core.JsonFactory;
import dev.parley.core.internal.llm.ChatCompletion;
import dev.parley.core.internal.llm.FinishReason;
import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.RateLimits;
import dev.parley.core.internal.llm.ToolCall;
import dev.parley.core.internal.llm.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Folds the {@code chat.completion.chunk} events of one attempt into a {@link ChatCompletion}.
 * Tool calls are keyed by {@code index}: id and name come with a call's first fragment, the
 * {@code arguments} string may be split over many. Synchronized because a timeout on the timer
 * thread may take a partial snapshot while the reader thread is folding a chunk.
 */
final class CompletionAssembler {

  /** What one chunk adds for the listener; either text may be empty. */
  record Delta(String content, String reasoning) {
    static final Delta NONE = new Delta("", "");
  }

  private final ChunkParser parser;
  private final ChunkParser.Chunk chunk = new ChunkParser.Chunk();
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

  CompletionAssembler(JsonFactory json) {
    this.parser = new ChunkParser(json);
  }

  /** As {@link #accept(byte[], int)}, for a payload in a {@code String}. */
  Delta accept(String data) {
    byte[] utf8 = data.getBytes(StandardCharsets.UTF_8);
    return accept(utf8, utf8.length);
  }

  /**
   * Folds one {@code data:} payload in, the UTF-8 bytes in {@code data[0, length)}; a payload
   * that is not valid JSON changes nothing.
   */
  synchronized Delta accept(byte[] data, int length) {
    try {
      parser.parse(data, 0, length, chunk, id == null || model == null || requestId == null);
    } catch (IOException e) {
      throw new LlmErrors.MalformedStream("a chunk is not valid JSON: "
          + abbreviate(new String(data, 0, length, StandardCharsets.UTF_8)), e);
    }
    if (id == null) id = chunk.id;
    if (model == null) model = chunk.model;
    if (requestId == null) requestId = chunk.requestId;
    if (chunk.reportedUsage() != null) usage = chunk.reportedUsage();
    for (ChunkParser.ToolFragment fragment : chunk.toolCalls) acceptToolCall(fragment);
    if (chunk.finishReason != null) {
      finished = true;
      finishReason = FinishReason.fromWire(chunk.finishReason);
    }
    String text = Objects.requireNonNullElse(chunk.content, "");
    String thought = Objects.requireNonNullElse(chunk.reasoning, "");
    content.append(text);
    reasoning.append(thought);
    executedTools.accept(chunk.executedTools);
    return text.isEmpty() && thought.isEmpty() ? Delta.NONE : new Delta(text, thought);
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

  private void acceptToolCall(ChunkParser.ToolFragment fragment) {
    int index = fragment.index() == ChunkParser.NO_INDEX ? calls.size() : fragment.index();
    PartialCall call = calls.computeIfAbsent(index, ignored -> new PartialCall());
    if (call.id == null) call.id = fragment.id();
    if (call.name == null) call.name = fragment.name();
    call.arguments.append(Objects.requireNonNullElse(fragment.arguments(), ""));
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
