package dev.parley.discord;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.api.RetryAfter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import net.dv8tion.jda.api.JDAInfo;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A streaming edit of an interaction's message, sent straight over JDA's own {@code OkHttpClient}
 * rather than through JDA's REST queue: {@code PATCH /webhooks/{application.id}/{interaction.token}
 * /messages/{message.id}} ("Edit Original Interaction Response" / "Edit Followup Message",
 * discord.com/developers/docs/interactions/receiving-and-responding), authorised by the token in
 * the path, with the JSON body JDA itself would send ({@link MessageEditData#toData()}).
 *
 * <p>Why: the load benchmark's profile found a streaming edit through JDA costing a hand-over to a
 * rate-limiter worker, a turn at that limiter's lock (which every acknowledgement also needs) and
 * a whole {@code Message} entity built from the response, which Parley never reads. The core's
 * throttle already paces these edits by the interaction's own bucket, and a 429 comes back to it
 * as a {@link RateLimitedException} as with {@code complete(false)}, or is waited out for the
 * placeholder and the final text ({@link #editPaced}), as JDA's queue would; the client's interceptors
 * ({@link DiscordBucketHeaders}, {@link JdaRetryAfter}) see the response as they see JDA's.
 * Only the message id is read from the response. Thread-safe and stateless.
 */
final class WebhookEdits {
  static final MediaType JSON = MediaType.get("application/json");
  /**
   * Buffers from one shared pool, not Jackson's default pool per thread: each answer's edits run
   * on a virtual thread of their own, which would allocate a set of buffers and keep it for the
   * answer's life (as bot-core's {@code PooledJson} does for the core's own JSON).
   */
  private static final ObjectMapper JSON_BODIES =
      new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());
  /**
   * "Clients using the HTTP API must provide a valid User Agent" of the form
   * {@code DiscordBot ($url, $versionNumber)} (discord.com/developers/docs/reference#user-agent):
   * the one JDA sends for its own requests.
   */
  static final String USER_AGENT = "DiscordBot (" + JDAInfo.GITHUB + ", " + JDAInfo.VERSION + ")";

  private final HttpUrl apiUrl;
  private final OkHttpClient http;
  private final Clock clock;

  /**
   * @param apiUrl the REST base ending in {@code /}, as JDA's {@code RestConfig} has it
   * @param http JDA's client for calls past its queue ({@link DiscordBot#directCalls})
   */
  WebhookEdits(String apiUrl, OkHttpClient http, Clock clock) {
    this.apiUrl = HttpUrl.get(Objects.requireNonNull(apiUrl, "apiUrl"));
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** 429s a paced edit sits out before it gives up (JDA's queue would retry the same way). */
  static final int MAX_PACED_ATTEMPTS = 10;

  /**
   * Edits {@code messageId} ({@code @original} for the deferred response) once.
   *
   * @param wantId whether to read the edited message's id from the response (only the original's
   *     is ever needed, once); otherwise {@code messageId} is returned and the body is not parsed
   * @return the edited message's id
   * @throws RateLimitedException on a 429, with its {@code Retry-After} in milliseconds
   * @throws IllegalStateException on any other refusal, with Discord's status and body
   */
  String edit(InteractionHook hook, String messageId, MessageEditData message, boolean wantId)
      throws RateLimitedException {
    HttpUrl url = apiUrl.newBuilder()
        .addPathSegment("webhooks")
        .addPathSegment(hook.getJDA().getSelfUser().getApplicationId())
        .addPathSegment(hook.getInteraction().getToken())
        .addPathSegment("messages")
        .addPathSegment(messageId)
        .build();
    Request request = new Request.Builder().url(url).header("User-Agent", USER_AGENT)
        .patch(RequestBody.create(body(message), JSON))
        .build();
    try (Response response = http.newCall(request).execute()) {
      if (response.code() == 429) {
        long waitMs = retryAfterMillis(response, clock);
        throw new RateLimitedException("PATCH webhooks/{application_id}/{token}/messages/{message_id}",
            Math.max(waitMs, 1));
      }
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        throw new IllegalStateException("Discord refused an interaction edit: " + response.code() + " "
            + body.string());
      }
      String id = wantId ? messageId(body.byteStream()) : null;
      return id != null ? id : messageId;
    } catch (IOException e) {
      throw new UncheckedIOException("interaction edit failed", e);
    }
  }

  /**
   * {@link #edit} that waits out a 429's {@code Retry-After} and sends again, as JDA's queue does
   * for a paced request: the placeholder and the final text are never dropped. Blocks.
   *
   * @throws IllegalStateException after {@link #MAX_PACED_ATTEMPTS} 429s in a row, or if interrupted
   */
  String editPaced(InteractionHook hook, String messageId, MessageEditData message, boolean wantId) {
    for (int attempt = 1; ; attempt++) {
      try {
        return edit(hook, messageId, message, wantId);
      } catch (RateLimitedException e) {
        if (attempt >= MAX_PACED_ATTEMPTS) {
          throw new IllegalStateException("an interaction edit was refused " + attempt + " times with 429", e);
        }
        try {
          Thread.sleep(e.getRetryAfter());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting out a 429", interrupted);
        }
      }
    }
  }

  /**
   * The wait a 429 asks for, in milliseconds; without a usable {@code Retry-After}, a second: one
   * request a second is the pace of Discord's buckets that Parley writes to.
   */
  static long retryAfterMillis(Response response, Clock clock) {
    return RetryAfter.parse(response.header("Retry-After"), clock).map(Duration::toMillis).orElse(1000L);
  }

  /**
   * The JSON JDA would send ({@code DataObject#toJson} writes the same map with a plain
   * {@code ObjectMapper}), written with the pooled buffers.
   */
  static byte[] body(MessageEditData message) {
    try {
      return JSON_BODIES.writeValueAsBytes(message.toData().toMap());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write an edit's JSON", e);
    }
  }

  /** The top-level {@code id} of a message object, reading no further than it. */
  static String messageId(InputStream json) throws IOException {
    try (JsonParser parser = JSON_BODIES.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) return null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("id") && value.isScalarValue()) return parser.getText();
        parser.skipChildren();
      }
      return null;
    }
  }
}
