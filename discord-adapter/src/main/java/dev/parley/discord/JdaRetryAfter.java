package dev.parley.discord;

import dev.parley.core.api.RetryAfter;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Hands JDA a 429's {@code Retry-After} in the one form it reads. JDA (6.1) parses the header with
 * {@code Long.parseLong}; on an HTTP-date or fractional seconds (both valid under RFC 9110; a proxy
 * in front of Discord may send either) it logs "Failed to parse retry-after response body" and
 * "Encountered Exception while updating a bucket", and retries at once instead of waiting. An
 * application interceptor on JDA's {@code OkHttpClient}, so JDA never sees another form. Stateless
 * and thread-safe.
 */
final class JdaRetryAfter implements Interceptor {
  private final Clock clock;

  JdaRetryAfter(Clock clock) {
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
