package dev.parley.core.internal.llm;

import java.time.Duration;

/**
 * The concrete failures. Nested so the whole table reads in one place; each maps one row of
 * Groq's error table.
 */
public final class LlmErrors {
  private LlmErrors() {}

  /** 429 {@code rate_limit_exceeded}: wait {@link #retryAfter()} if given. */
  public static final class RateLimited extends RetriableLlmException {
    public RateLimited(String message, String code, Duration retryAfter) {
      super(message, 429, code, retryAfter, null);
    }
  }

  /** 498 {@code capacity_exceeded}: the flex tier is full. */
  public static final class CapacityExceeded extends RetriableLlmException {
    public CapacityExceeded(String message, String code, Duration retryAfter) {
      super(message, 498, code, retryAfter, null);
    }
  }

  /** 500, 502, 503 and other 5xx. */
  public static final class ServerError extends RetriableLlmException {
    public ServerError(String message, int httpStatus, String code, Duration retryAfter) {
      super(message, httpStatus, code, retryAfter, null);
    }
  }

  /** Connect, first-token or idle-between-chunks timeout. */
  public static final class Timeout extends RetriableLlmException {
    public Timeout(String message, Throwable cause) {
      super(message, 0, null, null, cause);
    }
  }

  /** The connection ended before a finish reason and {@code [DONE]}: never a complete answer. */
  public static final class StreamInterrupted extends RetriableLlmException {
    public StreamInterrupted(String message, Throwable cause) {
      super(message, 200, null, null, cause);
    }
  }

  /** 400 {@code context_length_exceeded}: the prompt is too long for the model. */
  public static final class ContextLengthExceeded extends NonRetriableLlmException {
    public ContextLengthExceeded(String message, int httpStatus, String code) {
      super(message, httpStatus, code, null);
    }
  }

  /** 400 {@code tool_use_failed}: the model wrote a tool call the server could not parse. */
  public static final class ToolUseFailed extends NonRetriableLlmException {
    private final String failedGeneration;

    public ToolUseFailed(String message, int httpStatus, String failedGeneration) {
      super(message, httpStatus, "tool_use_failed", null);
      this.failedGeneration = failedGeneration;
    }

    /** What the model generated, for a corrective retry; may be null. */
    public String failedGeneration() {
      return failedGeneration;
    }
  }

  /** 400 {@code model_decommissioned}. */
  public static final class ModelDecommissioned extends NonRetriableLlmException {
    public ModelDecommissioned(String message, String code) {
      super(message, 400, code, null);
    }
  }

  /** 401 {@code invalid_api_key}. */
  public static final class InvalidApiKey extends NonRetriableLlmException {
    public InvalidApiKey(String message, String code) {
      super(message, 401, code, null);
    }
  }

  /** 404 {@code model_not_found}. */
  public static final class ModelNotFound extends NonRetriableLlmException {
    public ModelNotFound(String message, String code) {
      super(message, 404, code, null);
    }
  }

  /** 413: the request is larger than the tier allows. */
  public static final class RequestTooLarge extends NonRetriableLlmException {
    public RequestTooLarge(String message, String code) {
      super(message, 413, code, null);
    }
  }

  /** Any other 4xx. */
  public static final class BadRequest extends NonRetriableLlmException {
    public BadRequest(String message, int httpStatus, String code, Throwable cause) {
      super(message, httpStatus, code, cause);
    }
  }

  /** A chunk that is not valid JSON or not a chat.completion.chunk: reported, never a hang. */
  public static final class MalformedStream extends NonRetriableLlmException {
    public MalformedStream(String message, Throwable cause) {
      super(message, 200, null, cause);
    }
  }
}
