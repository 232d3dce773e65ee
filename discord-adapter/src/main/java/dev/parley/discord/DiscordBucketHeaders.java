package dev.parley.discord;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Discord's per-route bucket headers (a different set from Groq's quota headers, which count an
 * organisation's requests and tokens). Reads Discord's {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset-After} on every
 * message create and edit, whoever sent it, and empties the channel's edit bucket when Discord
 * says it is spent. The core's throttle then waits for the reset instead of running into a 429.
 * JDA reads the same headers for the requests it queues; this makes them count for the edits that
 * bypass its queue too. A webhook's headers count for that interaction token's own bucket, and a
 * global 429 empties the bot's global bucket.
 */
final class DiscordBucketHeaders implements Interceptor {
  private static final Pattern CHANNEL_WRITE = Pattern.compile("/channels/(\\d+)/messages(/\\d+)?$");
  private static final Pattern WEBHOOK_WRITE = Pattern.compile("/webhooks/\\d+/([^/]+)(/messages/[^/]+)?$");

  private final DiscordBudgets budgets;

  DiscordBucketHeaders(DiscordBudgets budgets) {
    this.budgets = Objects.requireNonNull(budgets, "budgets");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.code() == 429) observeGlobal(response.header("X-RateLimit-Global"),
        response.header("X-RateLimit-Scope"), response.header("Retry-After"));
    String method = chain.request().method();
    if (method.equals("POST") || method.equals("PATCH")) {
      observe(chain.request().url().encodedPath(), response.header("X-RateLimit-Remaining"),
          response.header("X-RateLimit-Reset-After"));
    }
    return response;
  }

  /**
   * A 429 that says the bot's global limit was hit ({@code X-RateLimit-Global: true}, or
   * {@code X-RateLimit-Scope: global}) holds back every channel message for its
   * {@code Retry-After} seconds. Interaction webhooks are not bound by it and go on.
   */
  void observeGlobal(String global, String scope, String retryAfter) {
    if (!"true".equalsIgnoreCase(global) && !"global".equalsIgnoreCase(scope)) return;
    if (retryAfter == null) return;
    try {
      budgets.globalSpent(Duration.ofMillis(Math.round(Double.parseDouble(retryAfter) * 1000)));
    } catch (NumberFormatException e) {
      // An HTTP-date or junk: JdaRetryAfter hands JDA a usable value; our bucket keeps its own count.
    }
  }

  /** Drains the bucket of the channel written to when {@code remaining} is 0. Tolerates junk. */
  void observe(String path, String remaining, String resetAfter) {
    if (!"0".equals(remaining) || resetAfter == null) return;
    Duration pause;
    try {
      pause = Duration.ofMillis(Math.round(Double.parseDouble(resetAfter) * 1000));
    } catch (NumberFormatException e) {
      return;
    }
    Matcher channel = CHANNEL_WRITE.matcher(path);
    if (channel.find()) {
      budgets.spent(channel.group(1), pause);
      return;
    }
    Matcher webhook = WEBHOOK_WRITE.matcher(path);
    if (webhook.find()) budgets.webhookSpent(webhook.group(1), pause);
  }
}
