package dev.parley.core.api;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Hands an SDK a 429's {@code Retry-After} in the one form it reads: whole seconds. JDA 6.1 and
 * the Slack SDK 1.51 both parse the header with {@code Long.parseLong}; on an HTTP-date or
 * fractional seconds (both valid under RFC 9110, and what a proxy in front of the service may
 * send) JDA logs the failure and retries at once, and the Slack SDK throws a
 * {@code NumberFormatException} in place of its rate-limit exception. Added as an application
 * interceptor on the SDK's {@code OkHttpClient}, this rewrites such a header with
 * {@link RetryAfter}, rounded up so no wait is cut short. A header already in whole seconds, or
 * unreadable, is left as it came. Stateless and thread-safe.
 */
public final class WholeSecondsRetryAfter implements Interceptor {
  private final Clock clock;

  /** @param clock measures an HTTP-date from now */
  public WholeSecondsRetryAfter(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    String retryAfter = response.header("Retry-After");
    if (response.code() != 429 || retryAfter == null || retryAfter.strip().chars().allMatch(Character::isDigit)) {
      return response;
    }
    return RetryAfter.parse(retryAfter, clock)
        .map(wait -> response.newBuilder().header("Retry-After", Long.toString(roundedUp(wait))).build())
        .orElse(response);
  }

  private static long roundedUp(Duration wait) {
    long seconds = wait.toSeconds();
    return wait.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1;
  }
}
