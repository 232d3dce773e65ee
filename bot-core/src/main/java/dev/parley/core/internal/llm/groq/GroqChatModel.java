package dev.parley.core.internal.llm.groq;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.json.PooledJson;
import dev.parley.core.internal.llm.ChatModel;
import dev.parley.core.internal.llm.ChatRequest;
import dev.parley.core.internal.llm.ChatStreamListener;
import dev.parley.core.internal.llm.LlmException;
import dev.parley.core.internal.llm.ModelInfo;
import dev.parley.core.internal.llm.StreamHandle;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChatModel} over Groq's OpenAI-compatible {@code /chat/completions}, streamed as
 * server-sent events with OkHttp.
 *
 * <p>Thread-safe; share one instance. Callbacks run on OkHttp's reader threads or on this model's
 * single timer thread (timeouts, retries), one at a time per stream. {@link #close()} stops the
 * timer and, when this model built its own {@link OkHttpClient}, that client's threads.
 */
public final class GroqChatModel implements ChatModel, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroqChatModel.class);
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final int MAX_CONCURRENT_STREAMS = 1024;

  private final GroqConfig config;
  private final OkHttpClient client;
  private final boolean ownsClient;
  private final ScheduledExecutorService timer;
  private final GroqRequestWriter writer;
  private final ModelListParser modelList;
  private final GroqStream.Shared shared;

  public GroqChatModel(GroqConfig config) {
    this(config, new OkHttpClient.Builder().dispatcher(streamingDispatcher())
        .connectionPool(new ConnectionPool(MAX_CONCURRENT_STREAMS, 5, TimeUnit.MINUTES)).build(), true);
  }

  /**
   * OkHttp's default dispatcher runs 5 calls per host at a time. Every stream goes to one host, so
   * a sixth concurrent conversation would queue inside the client, its first-token clock already
   * running. Groq's own rate limits are the real bound; they answer 429, which is retried.
   *
   * <p>The pool keeps as many idle connections as there may be streams (OkHttp keeps 5): over
   * HTTP/1.1, as OpenAI-compatible servers and proxies often speak, every stream needs a connection
   * of its own, and at 1,000 streams the default closed and reopened them all the time, about 7% of
   * the bot's CPU in the load benchmark (and a TLS handshake each, against a real server). Over
   * HTTP/2, as Groq speaks, the streams share a few connections anyway.
   *
   * <p>Each stream reads on a virtual thread rather than a platform thread of OkHttp's pool: a
   * stream wakes for every few tokens, and at 1,000 live streams a platform thread per stream cost
   * the bot 0.047 CPU seconds per 1,000 tokens against 0.037 on virtual threads (the load
   * benchmark, docs/benchmarks.md), the kernel switching between a thousand threads.
   */
  private static Dispatcher streamingDispatcher() {
    Dispatcher dispatcher = new Dispatcher(Executors.newVirtualThreadPerTaskExecutor());
    dispatcher.setMaxRequests(MAX_CONCURRENT_STREAMS);
    dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_STREAMS);
    return dispatcher;
  }

  /** Uses {@code client}'s pool and dispatcher; its timeouts are overridden from {@code config}. */
  public GroqChatModel(GroqConfig config, OkHttpClient client) {
    this(config, client, false);
  }

  private GroqChatModel(GroqConfig config, OkHttpClient base, boolean ownsClient) {
    this.config = Objects.requireNonNull(config, "config");
    this.ownsClient = ownsClient;
    // No socket read timeout: the watchdog (StreamDeadlines) times the first token and idle gaps
    // and cancels the call, which closes the socket under a blocked read. A read timeout would only
    // repeat it, at a price: on a virtual thread every timed read schedules and cancels a timer in
    // the JDK's scheduler, about 10% of the bot's CPU at 1,000 live streams (docs/benchmarks.md).
    this.client = base.newBuilder().connectTimeout(config.connectTimeout())
        .readTimeout(Duration.ZERO).callTimeout(Duration.ZERO).build();
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().name("groq-timer").daemon(true).factory());
    // A cancelled retry leaves the queue at once instead of at its due time.
    timer.setRemoveOnCancelPolicy(true);
    this.timer = timer;
    ObjectMapper json = PooledJson.newMapper();
    this.writer = new GroqRequestWriter(json);
    this.modelList = new ModelListParser(json);
    StreamDeadlines deadlines = new StreamDeadlines(timer,
        StreamDeadlines.periodFor(config.firstTokenTimeout(), config.idleTimeout()));
    this.shared = new GroqStream.Shared(client, timer, deadlines, config,
        new GroqErrorMapper(json, Clock.systemUTC()), json.getFactory());
  }

  @Override
  public StreamHandle stream(ChatRequest request, ChatStreamListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    Request http = authorized(config.baseUrl() + "/chat/completions")
        .header("Accept", "text/event-stream")
        .post(RequestBody.create(writer.write(request), JSON_TYPE))
        .build();
    log.debug("groq stream start model={} messages={}", request.model(), request.messages().size());
    return new GroqStream(shared, http, request.model(), listener).start();
  }

  @Override
  public List<ModelInfo> listModels() {
    Request http = authorized(config.baseUrl() + "/models").get().build();
    Call call = client.newCall(http);
    // The client has no read timeout (streams have the watchdog), so this one call gets a whole-call
    // limit: as long as a stream may wait for its first token.
    call.timeout().timeout(config.firstTokenTimeout().toMillis(), TimeUnit.MILLISECONDS);
    try (Response response = call.execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        LlmException error = shared.errors().fromHttp(response.code(), response.headers(), body);
        log.info("groq list models failed status={} code={}", response.code(), error.code());
        throw error;
      }
      return modelList.parse(body);
    } catch (IOException e) {
      throw shared.errors().fromIo(e, false);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (ownsClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  private Request.Builder authorized(String url) {
    return new Request.Builder().url(url).header("Authorization", "Bearer " + config.apiKey());
  }
}
