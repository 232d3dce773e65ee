package dev.parley.core.internal.llm.groq;

import com.fasterxml.jackson.core.JsonFactory;
import dev.parley.core.internal.llm.ChatStreamListener;
import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.LlmException;
import dev.parley.core.internal.llm.RateLimits;
import dev.parley.core.internal.llm.RetriableLlmException;
import dev.parley.core.internal.llm.StreamHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed completion: a sequence of attempts, each an OkHttp call whose event stream an
 * {@link SseReader} reads, with a deadline kept by the model's {@link StreamDeadlines}. Retries
 * wait on the shared timer, never on an OkHttp or caller thread.
 */
final class GroqStream implements StreamHandle {
  private static final Logger log = LoggerFactory.getLogger(GroqStream.class);
  private static final long MAX_ERROR_BODY = 64 * 1024;
  /**
   * The largest SSE event accepted, in bytes. Text chunks are well under a kilobyte, but a Compound
   * chunk reporting a finished search carries every result's page text, tens of kilobytes.
   */
  static final int MAX_EVENT_BYTES = 512 * 1024;
  /** The most answer or reasoning text one chunk may add; a real chunk holds a token or a few. */
  static final int MAX_DELTA_CHARS = 64 * 1024;

  /** What every stream of one model shares. */
  record Shared(OkHttpClient client, ScheduledExecutorService timer, StreamDeadlines deadlines,
      GroqConfig config, GroqErrorMapper errors, JsonFactory json) {}

  private final Shared shared;
  private final Request request;
  private final String model;
  private final ListenerGuard guard;
  private final Backoff backoff;
  private volatile Attempt current;
  private volatile ScheduledFuture<?> pendingRetry;

  GroqStream(Shared shared, Request request, String model, ChatStreamListener listener) {
    this.shared = shared;
    this.request = request;
    this.model = model;
    this.guard = new ListenerGuard(listener);
    this.backoff = new Backoff(shared.config().initialBackoff(), shared.config().maxBackoff());
  }

  GroqStream start() {
    launch(1);
    return this;
  }

  @Override
  public void cancel() {
    guard.cancel();
    ScheduledFuture<?> retry = pendingRetry;
    if (retry != null) retry.cancel(false);
    Attempt attempt = current;
    if (attempt != null) attempt.stop();
  }

  private void launch(int number) {
    // Under the guard's lock, so a cancel either sees this attempt or prevents it.
    guard.runIfOpen(() -> {
      Attempt attempt = new Attempt(number);
      current = attempt;
      attempt.start();
    });
  }

  private void failed(Attempt attempt, LlmException error) {
    if (!attempt.stop()) return;
    int next = attempt.number + 1;
    Optional<Duration> wait = error instanceof RetriableLlmException && !guard.deltaDelivered()
        && next <= shared.config().maxAttempts()
        ? backoff.delayAfter(attempt.number, error.retryAfter()) : Optional.empty();
    if (wait.isPresent() && guard.isOpen()) {
      log.warn("groq attempt failed, retrying model={} requestId={} error={} status={} code={} attempt={} waitMs={}",
          model, attempt.assembler.requestId(), error.getClass().getSimpleName(), error.httpStatus(),
          error.code(), attempt.number, wait.get().toMillis());
      pendingRetry = shared.timer().schedule(() -> launch(next), wait.get().toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    log.info("groq stream failed model={} requestId={} error={} status={} code={} attempts={}",
        model, attempt.assembler.requestId(), error.getClass().getSimpleName(), error.httpStatus(),
        error.code(), attempt.number);
    guard.fail(error, attempt.assembler.partial(attempt.rateLimits));
  }

  private void finished(Attempt attempt) {
    if (!attempt.assembler.finished()) {
      failed(attempt, new LlmErrors.StreamInterrupted("the stream ended without a finish_reason", null));
      return;
    }
    try {
      var completion = attempt.assembler.complete(attempt.rateLimits);
      if (!attempt.end()) return;
      log.debug("groq stream complete model={} requestId={} finish={}",
          model, completion.requestId(), completion.finishReason());
      guard.complete(completion);
    } catch (LlmException malformed) {
      failed(attempt, malformed);
    }
  }

  /** One HTTP call. Events of an attempt that was stopped (superseded, timed out) are ignored. */
  private final class Attempt implements Callback, SseReader.Events, StreamDeadlines.Watched {
    private final int number;
    private final CompletionAssembler assembler = new CompletionAssembler(shared.json());
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final long idleNanos = shared.config().idleTimeout().toNanos();
    private volatile RateLimits rateLimits;
    private volatile boolean opened;
    private volatile boolean heardFrom;
    /** Set by the reading thread at {@code [DONE]}; the stream is finished once the response is closed. */
    private boolean sawDone;
    private volatile long deadlineNanos;
    private volatile Call call;

    Attempt(int number) {
      this.number = number;
    }

    void start() {
      deadlineNanos = System.nanoTime() + shared.config().firstTokenTimeout().toNanos();
      shared.deadlines().watch(this);
      Call started = shared.client().newCall(request);
      call = started;
      started.enqueue(this);
      if (stopped.get()) started.cancel();
    }

    /** True for the caller that actually stopped it; later calls are no-ops. */
    boolean stop() {
      if (!end()) return false;
      Call running = call;
      if (running != null) running.cancel();
      return true;
    }

    /**
     * Stops the attempt without cancelling its call, for a stream that ended well: the reading
     * thread calls it once it closed the response, which put the connection back in the pool. A
     * cancel would close the socket: every answer used to, and every next one opened a new
     * connection, at Groq a TCP and TLS handshake before its first token. True for the caller that
     * actually stopped it.
     */
    boolean end() {
      if (!stopped.compareAndSet(false, true)) return false;
      shared.deadlines().unwatch(this);
      return true;
    }

    @Override
    public void onResponse(Call call, Response response) {
      boolean ended = false;
      try (response) {
        rateLimits = GroqQuotaHeaders.parse(response.headers());
        if (!response.isSuccessful()) {
          if (!stopped.get()) {
            failed(this, shared.errors().fromHttp(response.code(), response.headers(), errorBody(response)));
          }
          return;
        }
        MediaType type = response.body().contentType();
        if (type == null || !type.type().equals("text") || !type.subtype().equals("event-stream")) {
          if (!stopped.get()) {
            failed(this, new LlmErrors.MalformedStream("not an event stream: " + response.header("Content-Type"), null));
          }
          return;
        }
        opened = true;
        log.debug("groq stream open model={} status={} attempt={}", model, response.code(), number);
        SseReader events = new SseReader(response.body().source(), MAX_EVENT_BYTES);
        while (!stopped.get() && !sawDone && events.next(this)) {
          // each event is handled in onEvent
        }
        ended = !stopped.get();
      } catch (SseReader.EventTooLargeException tooLarge) {
        // A real chunk holds a token or a few, or one search report; a megabyte line is a broken or
        // hostile server, and holding or showing it would cost memory and hundreds of messages.
        if (!stopped.get()) failed(this, new LlmErrors.MalformedStream(tooLarge.getMessage(), tooLarge));
      } catch (IOException e) {
        if (!stopped.get()) failed(this, shared.errors().fromIo(e, opened));
      } catch (RuntimeException e) {
        // Not the server's bytes nor the socket (the listener's own failures stop at the guard):
        // end the attempt with a clear error rather than leave it to the idle timeout.
        if (!stopped.get()) failed(this, new LlmErrors.MalformedStream("reading the event stream failed: " + e, e));
      }
      // After the response is closed, which reads the body's last bytes and returns the connection
      // to the pool: a tool loop's next request, started by the completion, can then reuse it.
      if (ended) finished(this);
    }

    @Override
    public void onFailure(Call call, IOException failure) {
      if (stopped.get()) return;
      failed(this, shared.errors().fromIo(failure, opened));
    }

    @Override
    public void onEvent(String type, byte[] data, int length) {
      if (stopped.get()) return;
      deadlineNanos = System.nanoTime() + idleNanos;
      if (!heardFrom) heardFrom = true;
      if ("error".equals(type)) {
        failed(this, shared.errors().fromStreamEvent(new String(data, 0, length, StandardCharsets.UTF_8)));
      } else if (isDone(data, length)) {
        sawDone = true;
      } else {
        deliver(data, length);
      }
    }

    private void deliver(byte[] data, int length) {
      CompletionAssembler.Delta delta;
      try {
        delta = assembler.accept(data, length);
      } catch (LlmException malformed) {
        failed(this, malformed);
        return;
      }
      if (delta.content().length() > MAX_DELTA_CHARS || delta.reasoning().length() > MAX_DELTA_CHARS) {
        failed(this, new LlmErrors.MalformedStream("a chunk adding "
            + Math.max(delta.content().length(), delta.reasoning().length()) + " characters of text", null));
        return;
      }
      guard.reasoning(delta.reasoning());
      guard.content(delta.content());
    }

    @Override
    public long deadlineNanos() {
      return deadlineNanos;
    }

    @Override
    public void expire() {
      String reason = heardFrom ? "no event within the idle timeout (" + shared.config().idleTimeout().toMillis()
          : "no event within the first-token timeout (" + shared.config().firstTokenTimeout().toMillis();
      failed(this, new LlmErrors.Timeout(reason + " ms)", null));
    }
  }

  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  /** Whether the data is {@code [DONE]}, the stream's end, give or take surrounding whitespace. */
  static boolean isDone(byte[] data, int length) {
    int from = 0;
    int to = length;
    // Unsigned: a byte of a multi-byte character is not whitespace.
    while (from < to && (data[from] & 0xff) <= ' ') from++;
    while (to > from && (data[to - 1] & 0xff) <= ' ') to--;
    return Arrays.equals(data, from, to, DONE, 0, DONE.length);
  }

  private static String errorBody(Response response) {
    try {
      return response.peekBody(MAX_ERROR_BODY).string();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
