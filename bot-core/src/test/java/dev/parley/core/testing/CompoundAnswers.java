package dev.parley.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;

/**
 * Streamed answers of Groq's Compound systems ({@code groq/compound}, {@code groq/compound-mini}),
 * for {@link FakeGroq#enqueue}. They follow Groq's documented chunk shape
 * ({@code ChatCompletionChunk} in Groq's SDKs): the system's thinking arrives as
 * {@code delta.reasoning}; each server-side tool arrives in {@code delta.executed_tools}, once when
 * it starts ({@code index}, {@code type}, {@code arguments}, empty results) and once when it is
 * done, with {@code output} and {@code search_results.results[]} of {@code title}, {@code url},
 * {@code content} and {@code score}; then the answer as {@code delta.content}, and a final chunk
 * with {@code finish_reason} and the usage.
 */
public final class CompoundAnswers {
  public static final String MODEL = "groq/compound";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One search result. */
  public record Result(String title, String url) {}

  private CompoundAnswers() {}

  /** A complete answer: thinking, one web search that found {@code results}, then {@code answer}. */
  public static MockResponse searchedAnswer(String reasoning, String query, List<Result> results, String answer) {
    return FakeGroq.sse(searchedAnswerEvents(reasoning, query, results, answer), Duration.ZERO);
  }

  /** The {@code data:} payloads of {@link #searchedAnswer}. */
  public static List<String> searchedAnswerEvents(String reasoning, String query, List<Result> results, String answer) {
    List<String> events = new ArrayList<>();
    events.add(chunk(delta().put("role", "assistant").put("content", ""), null, true));
    events.add(chunk(delta().put("reasoning", reasoning), null, false));
    events.addAll(search(0, query, results));
    events.add(chunk(delta().put("reasoning", "I have what I need."), null, false));
    for (String piece : pieces(answer, 12)) events.add(chunk(delta().put("content", piece), null, false));
    events.add(finalChunk());
    return events;
  }

  /**
   * An answer cut off by a failed tool run: thinking, a search that found {@code results}, the
   * first words of the answer, a second tool that starts, then Groq's in-stream {@code event:
   * error} ({@code tool_use_failed}) with no {@code [DONE]}.
   */
  public static MockResponse failsAfter(String textSoFar, List<Result> results) {
    List<String> events = new ArrayList<>();
    events.add(chunk(delta().put("role", "assistant").put("content", ""), null, true));
    events.add(chunk(delta().put("reasoning", "Let me look this up."), null, false));
    events.addAll(search(0, "first query", results));
    for (String piece : pieces(textSoFar, 12)) events.add(chunk(delta().put("content", piece), null, false));
    events.add(chunk(executed(1, "python", "{\"code\":\"print(1/0)\"}", null, null), null, false));
    StringBuilder body = new StringBuilder();
    for (String event : events) body.append("data: ").append(event).append("\n\n");
    body.append("event: error\n").append("data: {\"error\":{\"message\":\"Tool call failed: code execution timed out\","
        + "\"type\":\"invalid_request_error\",\"code\":\"tool_use_failed\",\"status_code\":400}}\n\n");
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
        .body(body.toString()).build();
  }

  /** A web search's two chunks: started, then done with its results. */
  public static List<String> search(int index, String query, List<Result> results) {
    String arguments = JSON.createObjectNode().put("query", query).toString();
    return List.of(
        chunk(executed(index, "search", arguments, null, List.of()), null, false),
        chunk(executed(index, "search", arguments, outputOf(results), results), null, false));
  }

  private static ObjectNode executed(int index, String type, String arguments, String output,
      List<Result> results) {
    ObjectNode tool = JSON.createObjectNode().put("index", index).put("type", type).put("arguments", arguments);
    if (output != null) tool.put("output", output);
    if (results != null) {
      ArrayNode list = tool.putObject("search_results").putArray("results");
      for (Result result : results) {
        list.addObject().put("title", result.title()).put("url", result.url())
            .put("content", "Text of " + result.title() + ".").put("score", 0.9);
      }
    }
    ObjectNode delta = delta();
    delta.putArray("executed_tools").add(tool);
    return delta;
  }

  private static String outputOf(List<Result> results) {
    StringBuilder out = new StringBuilder();
    for (Result result : results) {
      out.append("Title: ").append(result.title()).append("\nURL: ").append(result.url())
          .append("\nContent: Text of ").append(result.title()).append(".\n\n");
    }
    return out.toString();
  }

  private static List<String> pieces(String text, int size) {
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < text.length(); i += size) pieces.add(text.substring(i, Math.min(text.length(), i + size)));
    return pieces;
  }

  private static ObjectNode delta() {
    return JSON.createObjectNode();
  }

  private static String chunk(ObjectNode delta, String finishReason, boolean first) {
    ObjectNode chunk = JSON.createObjectNode();
    chunk.put("id", "chatcmpl-compound").put("object", "chat.completion.chunk")
        .put("created", 1770770843L).put("model", MODEL).putNull("system_fingerprint");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0).set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) choice.putNull("finish_reason");
    else choice.put("finish_reason", finishReason);
    if (first) chunk.putObject("x_groq").put("id", "req_compound");
    return chunk.toString();
  }

  private static String finalChunk() {
    ObjectNode chunk = JSON.createObjectNode();
    chunk.put("id", "chatcmpl-compound").put("object", "chat.completion.chunk")
        .put("created", 1770770843L).put("model", MODEL).putNull("system_fingerprint");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0).putObject("delta");
    choice.putNull("logprobs");
    choice.put("finish_reason", "stop");
    ObjectNode usage = JSON.createObjectNode()
        .put("queue_time", 0.05).put("prompt_tokens", 1200).put("prompt_time", 0.02)
        .put("completion_tokens", 90).put("completion_time", 0.3)
        .put("total_tokens", 1290).put("total_time", 0.32);
    ObjectNode groq = chunk.putObject("x_groq").put("id", "req_compound");
    groq.set("usage", usage);
    ArrayNode models = groq.putObject("usage_breakdown").putArray("models");
    models.addObject().put("model", "openai/gpt-oss-120b").set("usage", usage.deepCopy());
    chunk.set("usage", usage.deepCopy());
    return chunk.toString();
  }
}
