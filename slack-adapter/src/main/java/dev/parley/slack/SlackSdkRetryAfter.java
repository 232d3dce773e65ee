package dev.parley.slack;

import dev.parley.core.api.RetryAfter;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Hands the Slack SDK a 429's {@code Retry-After} in the one form it reads. The SDK (1.51) parses
 * the header with {@code Long.valueOf} for its rate-limit metrics, so an HTTP-date or fractional
 * seconds (both valid under RFC 9110; a proxy in front of Slack may send either) escapes as a
 * {@code NumberFormatException} in place of the {@code SlackApiException} that {@link SlackCalls}
 * turns into a wait. An application interceptor on the SDK's {@code OkHttpClient}, so the SDK
 * never sees another form. Stateless and thread-safe.
 */
final class SlackSdkRetryAfter implements Interceptor {
  private final Clock clock;

  SlackSdkRetryAfter(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.code() != 429) return response;
    return RetryAfter.asWholeSeconds(response.header("Retry-After"), clock)
        .map(seconds -> response.newBuilder().header("Retry-After", seconds).build())
        .orElse(response);
  }
}
