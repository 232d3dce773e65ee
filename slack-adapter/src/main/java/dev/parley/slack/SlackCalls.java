package dev.parley.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.parley.core.api.RetryAfter;
import java.io.IOException;
import java.time.Clock;
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
    // The SDK keeps the OkHttp response on the exception; Retry-After is in its headers.
    return new SlackCallException(method, "ratelimited",
        retryAfter(e.getResponse().header("Retry-After"), Clock.systemUTC()), e);
  }

  /**
   * Slack sends whole seconds; an HTTP-date (from a proxy in front of a Slack-compatible server)
   * counts as well. Never less than Slack's 1-second minimum, and that minimum when unreadable.
   */
  static Duration retryAfter(String header, Clock clock) {
    Duration wait = RetryAfter.parse(header, clock).orElse(DEFAULT_RETRY_AFTER);
    return wait.compareTo(DEFAULT_RETRY_AFTER) < 0 ? DEFAULT_RETRY_AFTER : wait;
  }
}
