package dev.parley.core.internal.llm.groq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.api.RedactedUrl;
import dev.parley.core.api.RetryAfter;
import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.LlmException;
import dev.parley.core.internal.llm.RetriableLlmException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Headers;

/**
 * Groq's error table, in one place: an HTTP status plus the body
 * {@code {"error":{"message","type","code","failed_generation"}}} becomes one typed exception.
 * Bodies that are not JSON still map by status.
 */
final class GroqErrorMapper {
  private static final int MAX_MESSAGE = 500;

  private final ObjectMapper json;
  private final Clock clock;

  /** @param clock measures an HTTP-date {@code retry-after} from now */
  GroqErrorMapper(ObjectMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  /** An HTTP error response. */
  LlmException fromHttp(int status, Headers headers, String body) {
    return map(status, status, ErrorBody.parse(json, body, "HTTP " + status), retryAfter(headers));
  }

  /**
   * An {@code event: error} after HTTP 200. Classified by its {@code status_code} (500 when
   * absent), reported with status 200 where the exception type lets us say so.
   */
  LlmException fromStreamEvent(String data) {
    ErrorBody error = ErrorBody.parse(json, data, "in-stream error");
    int classifyAs = error.statusCode() > 0 ? error.statusCode() : 500;
    return map(classifyAs, 200, error, null);
  }

  /** A transport failure: no response, or the response body broke off. */
  LlmException fromIo(Throwable failure, boolean responseStarted) {
    if (failure instanceof SocketTimeoutException
        || (failure instanceof InterruptedIOException && "timeout".equals(failure.getMessage()))) {
      return new LlmErrors.Timeout("Groq timed out: " + RedactedUrl.inText(failure.getMessage()), failure);
    }
    if (responseStarted) {
      return new LlmErrors.StreamInterrupted("the stream broke off: " + RedactedUrl.inText(failure.toString()), failure);
    }
    if (failure instanceof IOException) {
      return new RetriableLlmException("cannot reach Groq: " + RedactedUrl.inText(failure.toString()), 0, null, null, failure);
    }
    return new LlmErrors.BadRequest("request failed: " + RedactedUrl.inText(failure.toString()), 0, null, failure);
  }

  private static LlmException map(int status, int reported, ErrorBody e, Duration retryAfter) {
    String message = e.message();
    if (e.is("context_length_exceeded")) {
      return new LlmErrors.ContextLengthExceeded(message, reported, "context_length_exceeded");
    }
    if (e.is("tool_use_failed")) return new LlmErrors.ToolUseFailed(message, reported, e.failedGeneration());
    if (e.is("model_decommissioned")) return new LlmErrors.ModelDecommissioned(message, e.code());
    return switch (status) {
      case 401 -> new LlmErrors.InvalidApiKey(message, e.code());
      case 413 -> new LlmErrors.RequestTooLarge(message, e.code());
      case 429 -> new LlmErrors.RateLimited(message, e.code(), retryAfter);
      case 498 -> new LlmErrors.CapacityExceeded(message, e.code(), retryAfter);
      default -> byRange(status, reported, e, retryAfter);
    };
  }

  private static LlmException byRange(int status, int reported, ErrorBody e, Duration retryAfter) {
    if (status == 404 && e.is("model_not_found")) return new LlmErrors.ModelNotFound(e.message(), e.code());
    if (status >= 500) return new LlmErrors.ServerError(e.message(), reported, e.code(), retryAfter);
    return new LlmErrors.BadRequest(e.message(), reported, e.code(), null);
  }

  /**
   * Groq's {@code retry-after}, sent on 429s (and some 5xx) as seconds; an HTTP-date is honoured
   * as well, since the proxies in front of an OpenAI-compatible server may send one.
   */
  private Duration retryAfter(Headers headers) {
    return RetryAfter.parse(headers == null ? null : headers.get("retry-after"), clock).orElse(null);
  }

  /** The fields of Groq's error object that the table needs. */
  record ErrorBody(String message, String type, String code, String failedGeneration, int statusCode) {

    static ErrorBody parse(ObjectMapper json, String body, String fallback) {
      JsonNode error = null;
      try {
        error = body == null || body.isBlank() ? null : json.readTree(body).get("error");
      } catch (IOException | RuntimeException notJson) {
        // Proxies and load balancers answer with HTML; the status alone decides then.
      }
      if (error == null || !error.isObject()) {
        return new ErrorBody(fallback + describe(body), null, null, null, 0);
      }
      return new ErrorBody(text(error, "message", fallback), text(error, "type", null),
          text(error, "code", null), text(error, "failed_generation", null),
          error.path("status_code").asInt(0));
    }

    boolean is(String value) {
      return value.equals(code) || value.equals(type);
    }

    private static String text(JsonNode node, String field, String fallback) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) return fallback;
      return value.isTextual() ? value.asText() : value.toString();
    }

    private static String describe(String body) {
      if (body == null || body.isBlank()) return "";
      String flat = body.strip().replaceAll("\\s+", " ");
      return ": " + (flat.length() > MAX_MESSAGE ? flat.substring(0, MAX_MESSAGE) + "…" : flat);
    }
  }
}
