package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.llm.ChatCompletion;
import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.ChatRequest;
import dev.parley.core.internal.llm.ChatStreamListener;
import dev.parley.core.internal.llm.FinishReason;
import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.LlmException;
import dev.parley.core.internal.llm.RateLimits;
import dev.parley.core.internal.llm.StreamHandle;
import dev.parley.core.internal.llm.ToolCall;
import dev.parley.core.internal.llm.Usage;
import dev.parley.core.testing.FakeGroq;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replays Groq's SSE wire format through the real OkHttp client and checks every callback. */
class GroqStreamTest {
  private static final Usage FAKE_USAGE = new Usage(210, 15, 225, 0.0415, 0.0104, 0.0466, 0.057);
  private static final RateLimits FAKE_LIMITS = new RateLimits(14400L, 6000L, 14399L, 5800L,
      Duration.ofSeconds(6), Duration.ofMillis(179_560));

  private final FakeGroq groq = FakeGroq.start();
  private final GroqChatModel model = new GroqChatModel(GroqConfig.defaults("gsk_test").withBaseUrl(groq.baseUrl()));
  private final RecordingListener listener = new RecordingListener();

  @AfterEach
  void tearDown() {
    model.close();
    groq.close();
  }

  @Test
  void recordedToolCallStreamFromLlama33() throws Exception {
    groq.enqueue(raw("""
        data: {"id":"chatcmpl-a1f3c1b2-6a0e-4d4c-9d6b-2f1e0c7b9a11","object":"chat.completion.chunk","created":1770770843,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_f8b414701e","choices":[{"index":0,"delta":{"role":"assistant","content":null},"logprobs":null,"finish_reason":null}],"x_groq":{"id":"req_01kh3v5x7mfqs9y0b8c2d4e6g","seed":689520654}}

        data: {"id":"chatcmpl-a1f3c1b2-6a0e-4d4c-9d6b-2f1e0c7b9a11","object":"chat.completion.chunk","created":1770770843,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_f8b414701e","choices":[{"index":0,"delta":{"tool_calls":[{"id":"tk85n1k4m","type":"function","function":{"name":"weather","arguments":"{}"},"index":0}]},"logprobs":null,"finish_reason":null}]}

        data: {"id":"chatcmpl-a1f3c1b2-6a0e-4d4c-9d6b-2f1e0c7b9a11","object":"chat.completion.chunk","created":1770770843,"model":"llama-3.3-70b-versatile","system_fingerprint":"fp_f8b414701e","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"x_groq":{"id":"req_01kh3v5x7mfqs9y0b8c2d4e6g","usage":{"queue_time":0.046357412,"prompt_tokens":232,"prompt_time":0.011322,"completion_tokens":12,"completion_time":0.032411,"total_tokens":244,"total_time":0.043733}},"usage":{"queue_time":0.046357412,"prompt_tokens":232,"prompt_time":0.011322,"completion_tokens":12,"completion_time":0.032411,"total_tokens":244,"total_time":0.043733}}

        data: [DONE]

        """).addHeader("x-ratelimit-limit-tokens", "12000")
        .addHeader("x-ratelimit-reset-tokens", "7.66s").build());

    model.stream(request(), listener);

    assertThat(listener.awaitComplete()).isEqualTo(new ChatCompletion(
        "chatcmpl-a1f3c1b2-6a0e-4d4c-9d6b-2f1e0c7b9a11", "llama-3.3-70b-versatile",
        "req_01kh3v5x7mfqs9y0b8c2d4e6g", "", "", List.of(new ToolCall("tk85n1k4m", "weather", "{}")),
        FinishReason.TOOL_CALLS,
        new Usage(232, 12, 244, 0.046357412, 0.011322, 0.032411, 0.043733),
        new RateLimits(null, 12000L, null, null, null, Duration.ofMillis(7660))));
    listener.assertExhausted();
  }

  @Test
  void aMegabyteEventEndsTheStreamAsMalformedKeepingTheTextBefore() throws Exception {
    List<String> events = new java.util.ArrayList<>(FakeGroq.answerEvents("Start. ", 16));
    events.add(events.size() - 1, FakeGroq.answerEvents("x".repeat(1 << 20), Integer.MAX_VALUE).get(1));
    groq.enqueue(FakeGroq.sse(events, Duration.ZERO));

    model.stream(request(), listener);

    listener.assertContent("Start. ");
    RecordingListener.Error error = listener.awaitError();
    assertThat(error.error()).isInstanceOf(LlmErrors.MalformedStream.class);
    assertThat(error.partial().content()).isEqualTo("Start. ");
    listener.assertExhausted();
  }

  @Test
  void plainTextStream() throws Exception {
    groq.enqueueAnswer("Hello there, friend", 6, Duration.ZERO);

    model.stream(request(), listener);

    listener.assertContent("Hello ");
    listener.assertContent("there,");
    listener.assertContent(" frien");
    listener.assertContent("d");
    assertThat(listener.awaitComplete()).isEqualTo(new ChatCompletion("chatcmpl-fake",
        "llama-3.3-70b-versatile", "req_fake", "Hello there, friend", "", List.of(),
        FinishReason.STOP, FAKE_USAGE, FAKE_LIMITS));
    listener.assertExhausted();
  }

  @Test
  void answersOneAfterAnotherShareOneConnection() throws Exception {
    for (int i = 0; i < 3; i++) {
      // Chunked, as Groq streams: the body's zero-length last chunk is still unread at [DONE].
      StringBuilder body = new StringBuilder();
      for (String event : FakeGroq.answerEvents("Answer " + i, 64)) body.append("data: ").append(event).append("\n\n");
      groq.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
          .chunkedBody(body.append("data: [DONE]\n\n").toString(), 128).build());
      RecordingListener answer = new RecordingListener();
      model.stream(request(), answer);
      answer.assertContent("Answer " + i);
      assertThat(answer.awaitComplete().content()).isEqualTo("Answer " + i);
    }

    // A stream that reached [DONE] hands its connection back rather than cancelling the call.
    assertThat(groq.completionCalls()).isEqualTo(3);
    assertThat(groq.completionConnections()).isEqualTo(1);
  }

  @Test
  void toolCallArgumentsInFragments() throws Exception {
    groq.enqueue(FakeGroq.sse(List.of(
        chunk("{\"role\":\"assistant\",\"content\":null}", null),
        chunk(toolFragment(0, "call_1", "weather", "{\\\"ci"), null),
        chunk(toolFragment(0, null, null, "ty\\\":\\\"Pa"), null),
        chunk(toolFragment(0, null, null, "ris\\\"}"), null),
        chunk("{}", "tool_calls")), Duration.ZERO));

    model.stream(request(), listener);

    ChatCompletion completion = listener.awaitComplete();
    assertThat(completion.toolCalls()).containsExactly(new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}"));
    assertThat(completion.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(completion.content()).isEmpty();
    listener.assertExhausted();
  }

  @Test
  void twoParallelToolCallsKeepIndexOrder() throws Exception {
    groq.enqueue(FakeGroq.sse(FakeGroq.toolCallEvents(List.of(
        new String[] {"call_a", "weather", "{\"city\":\"Oslo\"}"},
        new String[] {"call_b", "time", "{\"zone\":\"CET\"}"})), Duration.ZERO));

    model.stream(request(), listener);

    assertThat(listener.awaitComplete().toolCalls()).containsExactly(
        new ToolCall("call_a", "weather", "{\"city\":\"Oslo\"}"),
        new ToolCall("call_b", "time", "{\"zone\":\"CET\"}"));
    listener.assertExhausted();
  }

  @Test
  void reasoningIsKeptApartFromTheAnswer() throws Exception {
    groq.enqueue(FakeGroq.sse(List.of(
        chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
        chunk("{\"reasoning\":\"The user greets. \"}", null),
        chunk("{\"reasoning\":\"Reply briefly.\"}", null),
        chunk("{\"content\":\"Hi!\"}", null),
        chunk("{}", "stop")), Duration.ZERO));

    model.stream(request(), listener);

    listener.assertReasoning("The user greets. ");
    listener.assertReasoning("Reply briefly.");
    listener.assertContent("Hi!");
    ChatCompletion completion = listener.awaitComplete();
    assertThat(completion.content()).isEqualTo("Hi!");
    assertThat(completion.reasoning()).isEqualTo("The user greets. Reply briefly.");
    listener.assertExhausted();
  }

  @Test
  void inStreamToolUseFailedKeepsTheFailedGeneration() throws Exception {
    groq.enqueue(raw("data: " + chunk("{\"role\":\"assistant\",\"content\":null}", null) + "\n\n"
        + "event: error\n"
        + "data: {\"error\":{\"message\":\"Tool call validation failed: parameters for tool weather did not match schema\","
        + "\"type\":\"invalid_request_error\",\"code\":\"tool_use_failed\","
        + "\"failed_generation\":\"{\\\"name\\\":\\\"weather\\\",\\\"arguments\\\":{\\\"city\\\":1}}\",\"status_code\":400}}\n\n")
        .build());

    model.stream(request(), listener);

    RecordingListener.Error error = listener.awaitError();
    assertThat(error.error()).isInstanceOfSatisfying(LlmErrors.ToolUseFailed.class, failed -> {
      assertThat(failed.failedGeneration()).isEqualTo("{\"name\":\"weather\",\"arguments\":{\"city\":1}}");
      assertThat(failed.getMessage()).startsWith("Tool call validation failed");
      assertThat(failed.code()).isEqualTo("tool_use_failed");
      assertThat(failed.httpStatus()).isEqualTo(200);
    });
    assertThat(error.partial().requestId()).isEqualTo("req_fake");
    assertThat(groq.completionCalls()).isEqualTo(1);
    listener.assertExhausted();
  }

  @Test
  void cancelFromInsideACallbackEndsTheStreamThere() throws Exception {
    groq.enqueueAnswer("Hello world, how are you?", 5, Duration.ZERO);
    CompletableFuture<StreamHandle> handle = new CompletableFuture<>();
    ChatStreamListener cancelling = new ChatStreamListener() {
      @Override public void onContent(String delta) {
        listener.onContent(delta);
        handle.join().cancel();
      }
      @Override public void onComplete(ChatCompletion completion) { listener.onComplete(completion); }
      @Override public void onError(LlmException error, ChatCompletion partial) { listener.onError(error, partial); }
    };

    handle.complete(model.stream(request(), cancelling));

    listener.assertContent("Hello");
    listener.assertExhausted(Duration.ofMillis(500));
  }

  static ChatRequest request() {
    return ChatRequest.builder("llama-3.3-70b-versatile")
        .messages(List.of(ChatMessage.user("What's the weather?"))).build();
  }

  static MockResponse.Builder raw(String body) {
    return new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "text/event-stream").body(body);
  }

  /** A chat.completion.chunk with {@code delta} (raw JSON) and a finish reason or null. */
  static String chunk(String delta, String finishReason) {
    String finish = finishReason == null ? "null" : "\"" + finishReason + "\"";
    return "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1770770843,"
        + "\"model\":\"openai/gpt-oss-20b\",\"choices\":[{\"index\":0,\"delta\":" + delta
        + ",\"logprobs\":null,\"finish_reason\":" + finish + "}],"
        + "\"x_groq\":{\"id\":\"req_fake\"}}";
  }

  private static String toolFragment(int index, String id, String name, String arguments) {
    String head = id == null ? "" : "\"id\":\"" + id + "\",\"type\":\"function\",";
    String fn = name == null ? "" : "\"name\":\"" + name + "\",";
    return "{\"tool_calls\":[{" + head + "\"function\":{" + fn + "\"arguments\":\"" + arguments
        + "\"},\"index\":" + index + "}]}";
  }
}
