package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.LlmException;
import dev.parley.core.internal.llm.RetriableLlmException;
import dev.parley.core.testing.FakeGroq;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Groq's error table, row by row, through the real client against a local server. */
class GroqErrorMappingTest {
  private final FakeGroq groq = FakeGroq.start();
  private final GroqChatModel model = new GroqChatModel(GroqConfig.defaults("gsk_test")
      .withBaseUrl(groq.baseUrl()).withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10)));

  @AfterEach
  void tearDown() {
    model.close();
    groq.close();
  }

  static Stream<Arguments> table() {
    return Stream.of(
        arguments(400, error("Please reduce the length of the messages or completion.", "invalid_request_error", "context_length_exceeded"), null,
            LlmErrors.ContextLengthExceeded.class, false, "context_length_exceeded", null),
        arguments(400, "{\"error\":{\"message\":\"Context length exceeded\",\"type\":\"context_length_exceeded\"}}", null,
            LlmErrors.ContextLengthExceeded.class, false, "context_length_exceeded", null),
        arguments(400, "{\"error\":{\"message\":\"Failed to call a function.\",\"type\":\"invalid_request_error\",\"code\":\"tool_use_failed\",\"failed_generation\":\"<function=weather>\"}}", null,
            LlmErrors.ToolUseFailed.class, false, "tool_use_failed", null),
        arguments(400, error("The model `mixtral-8x7b-32768` has been decommissioned", "invalid_request_error", "model_decommissioned"), null,
            LlmErrors.ModelDecommissioned.class, false, "model_decommissioned", null),
        arguments(400, error("'messages' : minimum number of items is 1", "invalid_request_error", null), null,
            LlmErrors.BadRequest.class, false, null, null),
        arguments(401, error("Invalid API Key", "invalid_request_error", "invalid_api_key"), null,
            LlmErrors.InvalidApiKey.class, false, "invalid_api_key", null),
        arguments(404, error("The model `nope` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found"), null,
            LlmErrors.ModelNotFound.class, false, "model_not_found", null),
        arguments(404, error("Unknown request URL", "invalid_request_error", "unknown_url"), null,
            LlmErrors.BadRequest.class, false, "unknown_url", null),
        arguments(413, error("Request too large for model", "tokens", "rate_limit_exceeded"), null,
            LlmErrors.RequestTooLarge.class, false, "rate_limit_exceeded", null),
        arguments(422, "Unprocessable", null, LlmErrors.BadRequest.class, false, null, null),
        arguments(429, error("Rate limit reached for model", "tokens", "rate_limit_exceeded"), "7",
            LlmErrors.RateLimited.class, true, "rate_limit_exceeded", Duration.ofSeconds(7)),
        arguments(498, error("Flex tier capacity exceeded", "invalid_request_error", "capacity_exceeded"), null,
            LlmErrors.CapacityExceeded.class, true, "capacity_exceeded", null),
        arguments(500, error("Internal Server Error", "internal_server_error", null), null,
            LlmErrors.ServerError.class, true, null, null),
        arguments(502, "<html><body>502 Bad Gateway</body></html>", null,
            LlmErrors.ServerError.class, true, null, null),
        arguments(503, "Service Unavailable", "2",
            LlmErrors.ServerError.class, true, null, Duration.ofSeconds(2)));
  }

  @ParameterizedTest(name = "{0} {5} -> {3}")
  @MethodSource("table")
  void mapsStatusAndCode(int status, String body, String retryAfter, Class<? extends LlmException> type,
      boolean retriable, String code, Duration expectedRetryAfter) throws Exception {
    MockResponse.Builder response = new MockResponse.Builder().code(status)
        .addHeader("Content-Type", body.startsWith("{") ? "application/json" : "text/html").body(body);
    if (retryAfter != null) response.addHeader("retry-after", retryAfter);
    groq.enqueue(response.build());
    RecordingListener listener = new RecordingListener();

    model.stream(GroqStreamTest.request(), listener);

    LlmException error = listener.awaitError().error();
    assertThat(error).isExactlyInstanceOf(type);
    assertThat(error instanceof RetriableLlmException).isEqualTo(retriable);
    assertThat(error.httpStatus()).isEqualTo(status);
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.retryAfter()).isEqualTo(Optional.ofNullable(expectedRetryAfter));
    assertThat(groq.completionCalls()).isEqualTo(1);
    listener.assertExhausted(Duration.ofMillis(50));
  }

  private static String error(String message, String type, String code) {
    String codeField = code == null ? "" : ",\"code\":\"" + code + "\"";
    return "{\"error\":{\"message\":\"" + message.replace("\"", "\\\"") + "\",\"type\":\"" + type + "\"" + codeField + "}}";
  }
}
