package dev.parley.discord;

import dev.parley.core.api.reply.TokenBucket;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.data.DataObject;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a thread from an answer ("Start Thread from Message": {@code POST
 * /channels/{channel.id}/messages/{message.id}/threads}, discord.com/developers/docs/resources/channel),
 * sent straight over JDA's own {@code OkHttpClient} the moment the bot's global budget grants it.
 *
 * <p>Why not JDA's queue: a request is bound by the bot's global limit of 50 a second, and Parley
 * takes a token of its global budget for each. Handed to JDA's queue, the requests then left at the
 * pace of JDA's rate-limit workers, which on a busy machine sent them in bursts: more than 50 landed
 * in one second of Discord's count, Discord answered with global 429s, and the requests already on
 * their way arrived before the {@code Retry-After} had passed (the load benchmark at 1,000 answers:
 * 35 to 159 such requests a run, docs/benchmarks.md). Sent when the token is taken, and holding
 * it until Discord's answer and for a period after ({@link TokenBucket#awaitOneUntilAnswered()}),
 * they keep the budget's pace as Discord counts it, however long a request took to arrive. A 429
 * is waited out and tried again, a global one having emptied the global budget through
 * {@link DiscordBucketHeaders}. Thread-safe and stateless.
 */
final class ThreadStarts {
  /** 429s sat out before a thread is given up: the answer stands without it. */
  static final int MAX_ATTEMPTS = 5;

  private static final Logger log = LoggerFactory.getLogger(ThreadStarts.class);

  private final HttpUrl apiUrl;
  private final OkHttpClient http;
  private final TokenBucket global;
  private final Clock clock;

  /**
   * @param apiUrl the REST base ending in {@code /}, as JDA's {@code RestConfig} has it
   * @param http JDA's client for calls past its queue ({@link DiscordBot#directCalls})
   */
  ThreadStarts(String apiUrl, OkHttpClient http, TokenBucket global, Clock clock) {
    this.apiUrl = HttpUrl.get(Objects.requireNonNull(apiUrl, "apiUrl"));
    this.http = Objects.requireNonNull(http, "http");
    this.global = Objects.requireNonNull(global, "global");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Starts a public thread named {@code name} from message {@code messageId}. Blocks: first for the
   * global budget, then for the request, and for any {@code Retry-After}.
   *
   * @return the thread's id, or null when Discord refused it or could not be reached (logged)
   */
  String start(JDA jda, String channelId, String messageId, String name) {
    HttpUrl url = apiUrl.newBuilder().addPathSegment("channels").addPathSegment(channelId)
        .addPathSegment("messages").addPathSegment(messageId).addPathSegment("threads").build();
    String body = DataObject.empty().put("name", name).toString();
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      TokenBucket.Taken token = global.awaitOneUntilAnswered();
      Request request = new Request.Builder().url(url).header("Authorization", jda.getToken())
          .header("User-Agent", WebhookEdits.USER_AGENT).post(RequestBody.create(body, WebhookEdits.JSON)).build();
      long waitMs;
      try (Response response = http.newCall(request).execute()) {
        ResponseBody answer = response.body();
        if (response.isSuccessful()) return WebhookEdits.messageId(answer.byteStream());
        if (response.code() != 429) {
          log.warn("cannot start a thread from an answer; channel={} message={} status={} body={}", channelId,
              messageId, response.code(), answer.string());
          return null;
        }
        waitMs = WebhookEdits.retryAfterMillis(response, clock);
      } catch (IOException e) {
        log.warn("cannot start a thread from an answer; channel={} message={}", channelId, messageId, e);
        return null;
      } finally {
        // Discord counted the request when it arrived: the token is held a second from its answer.
        token.answered();
      }
      log.debug("thread start rate limited; channel={} retryAfterMs={} attempt={}", channelId, waitMs, attempt);
      try {
        Thread.sleep(Math.max(waitMs, 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    log.warn("no thread for an answer: rate limited {} times; channel={} message={}", MAX_ATTEMPTS, channelId,
        messageId);
    return null;
  }
}
