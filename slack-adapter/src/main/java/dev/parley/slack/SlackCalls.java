package dev.parley.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Runs one Web API call and turns every way it can fail into a {@link SlackCallException}: the
 * SDK's synchronous client throws on a 429 and does not retry, and returns {@code ok:false}
 * answers as values.
 */
final class SlackCalls {
  /** When a 429 carries no usable {@code Retry-After}, Slack's documented minimum wait. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException, SlackApiException;
  }

  private SlackCalls() {}

  static <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
    T response;
    try {
      response = call.run();
    } catch (SlackApiException e) {
      throw translate(method, e);
    } catch (IOException e) {
      throw new SlackCallException(method, "io_error", null, e);
    }
    if (!response.isOk()) {
      boolean limited = "ratelimited".equals(response.getError());
      throw new SlackCallException(method, response.getError(), limited ? DEFAULT_RETRY_AFTER : null, null);
    }
    return response;
  }

  private static SlackCallException translate(String method, SlackApiException e) {
    int status = e.getResponse() == null ? 0 : e.getResponse().code();
    String error = e.getError() != null && e.getError().getError() != null
        ? e.getError().getError() : "http_" + status;
    if (status != 429) return new SlackCallException(method, error, null, e);
    return new SlackCallException(method, "ratelimited", retryAfter(e.getResponse().header("Retry-After")), e);
  }

  static Duration retryAfter(String header) {
    if (header == null) return DEFAULT_RETRY_AFTER;
    try {
      return Duration.ofMillis(Math.max(1_000, Math.round(Double.parseDouble(header.trim()) * 1000)));
    } catch (NumberFormatException e) {
      return DEFAULT_RETRY_AFTER;
    }
  }
}
