package dev.parley.core.internal.llm.groq;

import static dev.parley.core.internal.llm.groq.GroqStreamTest.chunk;
import static dev.parley.core.internal.llm.groq.GroqStreamTest.raw;
import static dev.parley.core.internal.llm.groq.GroqStreamTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.RetriableLlmException;
import dev.parley.core.internal.llm.StreamHandle;
import dev.parley.core.testing.FakeGroq;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, timeouts, broken streams and cancel, against a local server. */
class GroqResilienceTest {
  private static final String ROLE = "data: " + chunk("{\"role\":\"assistant\",\"content\":\"\"}", null) + "\n\n";
  private static final String HELLO = "data: " + chunk("{\"content\":\"Hello\"}", null) + "\n\n";

  private final FakeGroq groq = FakeGroq.start();
  private final GroqChatModel model = new GroqChatModel(GroqConfig.defaults("gsk_test")
      .withBaseUrl(groq.baseUrl())
      .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400), Duration.ofMillis(400))
      .withRetries(2, Duration.ofMillis(20), Duration.ofSeconds(3)));
  private final RecordingListener listener = new RecordingListener();
  private final List<HeldBody> held = new ArrayList<>();

  @AfterEach
  void tearDown() {
    held.forEach(HeldBody::release);
    model.close();
    groq.close();
  }

  @Test
  void retriesA429AfterTheRetryAfterItAskedFor() throws Exception {
    Duration retryAfter = Duration.ofSeconds(2);
    groq.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", Long.toString(retryAfter.toSeconds()))
        .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}")
        .build());
    groq.enqueueAnswer("Hi");

    long start = System.nanoTime();
    model.stream(request(), listener);
    Duration returnedAfter = Duration.ofNanos(System.nanoTime() - start);

    listener.assertContent("Hi");
    listener.awaitComplete();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(retryAfter);
    // A stream() that waited out the backoff could not return before retry-after had passed; the
    // whole retry-after is the margin, so a loaded machine cannot make this flake.
    assertThat(returnedAfter).as("stream() never waits for a backoff").isLessThan(retryAfter);
    assertThat(groq.completionCalls()).isEqualTo(2);
    listener.assertExhausted();
  }

  @Test
  void retriesA429NoSoonerThanTheHttpDateItAskedFor() throws Exception {
    // An HTTP-date counts whole seconds: two to three seconds from now, within the 3 s backoff cap.
    Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
    groq.enqueue(new MockResponse.Builder().code(429)
        .addHeader("retry-after", DateTimeFormatter.RFC_1123_DATE_TIME.format(notBefore.atOffset(ZoneOffset.UTC)))
        .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}")
        .build());
    groq.enqueueAnswer("Hi");

    model.stream(request(), listener);

    listener.assertContent("Hi");
    listener.awaitComplete();
    assertThat(Instant.now()).as("the retry waited for the date").isAfterOrEqualTo(notBefore);
    assertThat(groq.completionCalls()).isEqualTo(2);
    listener.assertExhausted();
  }

  @Test
  void neverRetriesOnceTextReachedTheListener() throws Exception {
    groq.enqueue(raw(ROLE + HELLO + "event: error\ndata: {\"error\":{\"message\":\"Service Unavailable\","
        + "\"type\":\"internal_server_error\",\"status_code\":503}}\n\n").build());

    model.stream(request(), listener);

    listener.assertContent("Hello");
    RecordingListener.Error error = listener.awaitError();
    assertThat(error.error()).isInstanceOf(LlmErrors.ServerError.class).isInstanceOf(RetriableLlmException.class);
    assertThat(error.partial().content()).isEqualTo("Hello");
    assertThat(groq.completionCalls()).isEqualTo(1);
    listener.assertExhausted();
  }

  @Test
  void aStreamCutMidwayIsInterruptedNeverComplete() throws Exception {
    groq.enqueue(raw(ROLE + HELLO).build());

    model.stream(request(), listener);

    listener.assertContent("Hello");
    RecordingListener.Error error = listener.awaitError();
    assertThat(error.error()).isInstanceOf(LlmErrors.StreamInterrupted.class);
    assertThat(error.partial().finishReason()).isNull();
    assertThat(groq.completionCalls()).isEqualTo(1);
    listener.assertExhausted();
  }

  @Test
  void aCutBeforeAnyTextIsRetried() throws Exception {
    groq.enqueue(raw(ROLE).build());
    groq.enqueueAnswer("Again");

    model.stream(request(), listener);

    listener.assertContent("Again");
    assertThat(listener.awaitComplete().content()).isEqualTo("Again");
    assertThat(groq.completionCalls()).isEqualTo(2);
    listener.assertExhausted();
  }

  @Test
  void aMalformedChunkFailsAtOnceAndHangsUp() throws Exception {
    HeldBody body = hold(ROLE + "data: {\"id\":\"chatcmpl-x\",\"choices\":[{\"delta\":\n\n", HELLO);

    model.stream(request(), listener);

    assertThat(listener.awaitError().error()).isInstanceOf(LlmErrors.MalformedStream.class);
    body.release();
    assertThat(body.awaitClientGone(Duration.ofSeconds(5))).as("the call was cancelled").isTrue();
    assertThat(groq.completionCalls()).isEqualTo(1);
    listener.assertExhausted();
  }

  @Test
  void aJsonBodyWithStatus200IsNotAStream() throws Exception {
    groq.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"id\":\"chatcmpl-x\",\"choices\":[]}").build());

    model.stream(request(), listener);

    assertThat(listener.awaitError().error()).isInstanceOf(LlmErrors.MalformedStream.class);
    assertThat(groq.completionCalls()).isEqualTo(1);
    listener.assertExhausted();
  }

  @Test
  void headersThenSilenceTimesOutAndIsRetriedBeforeTheFirstToken() throws Exception {
    hold("", null);
    hold("", null);

    model.stream(request(), listener);

    RecordingListener.Error error = listener.awaitError();
    assertThat(error.error()).isInstanceOf(LlmErrors.Timeout.class).isInstanceOf(RetriableLlmException.class);
    assertThat(groq.completionCalls()).isEqualTo(2);
    listener.assertExhausted();
  }

  @Test
  void silenceAfterTheFirstTokenTimesOutWithoutRetry() throws Exception {
    hold(ROLE + HELLO, null);

    model.stream(request(), listener);

    listener.assertContent("Hello");
    assertThat(listener.awaitError().error()).isInstanceOf(LlmErrors.Timeout.class);
    assertThat(groq.completionCalls()).isEqualTo(1);
    listener.assertExhausted();
  }

  @Test
  void aStreamThatKeepsSendingOutlivesItsIdleTimeout() throws Exception {
    // A dozen events about 60 ms apart (the larger first and last ones up to three times that): close
    // to a second in all, well past the 400 ms idle timeout, yet never 400 ms silent.
    groq.enqueueAnswer("0123456789", 1, Duration.ofMillis(60));

    model.stream(request(), listener);

    for (char digit = '0'; digit <= '9'; digit++) listener.assertContent(String.valueOf(digit));
    assertThat(listener.awaitComplete().content()).isEqualTo("0123456789");
    assertThat(groq.completionCalls()).isEqualTo(1);
    listener.assertExhausted();
  }

  @Test
  void stalledStreamsOfOneModelEachTimeOutNoSoonerThanTheIdleTimeout() throws Exception {
    hold(ROLE + HELLO, null);
    hold(ROLE + HELLO, null);
    RecordingListener other = new RecordingListener();

    model.stream(request(), listener);
    model.stream(request(), other);

    listener.assertContent("Hello");
    long helloAt = System.nanoTime();
    other.assertContent("Hello");
    assertThat(listener.awaitError().error()).isInstanceOf(LlmErrors.Timeout.class)
        .hasMessageContaining("idle timeout (400 ms)");
    assertThat(Duration.ofNanos(System.nanoTime() - helloAt)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(other.awaitError().error()).isInstanceOf(LlmErrors.Timeout.class);
    assertThat(groq.completionCalls()).isEqualTo(2);
    listener.assertExhausted();
    other.assertExhausted();
  }

  @Test
  void cancelDuringAStalledStreamStopsEveryCallbackTheTimeoutIncluded() throws Exception {
    hold(ROLE + HELLO, null);

    StreamHandle handle = model.stream(request(), listener);
    listener.assertContent("Hello");
    handle.cancel();

    // Past the 400 ms idle timeout and several sweeps: a timeout would have reported by now.
    listener.assertExhausted(Duration.ofMillis(1200));
    assertThat(groq.completionCalls()).isEqualTo(1);
  }

  @Test
  void cancelStopsDeliveryAndClosesTheConnection() throws Exception {
    HeldBody body = hold(ROLE + HELLO, "data: " + chunk("{\"content\":\" more\"}", null) + "\n\n");

    StreamHandle handle = model.stream(request(), listener);
    listener.assertContent("Hello");
    handle.cancel();
    body.release();

    assertThat(body.awaitClientGone(Duration.ofSeconds(5))).as("server saw the hang-up").isTrue();
    listener.assertExhausted();
  }

  @Test
  void cancelDuringBackoffSendsNoFurtherRequest() throws Exception {
    // The cancel must land inside the backoff, and the wait for a retry must outlast it: 2 s of
    // backoff leave a loaded machine room for the first, 3.5 s of watching cover the second.
    groq.enqueue(new MockResponse.Builder().code(503).addHeader("retry-after", "2").body("busy").build());
    groq.enqueueAnswer("too late");

    StreamHandle handle = model.stream(request(), listener);
    assertThat(groq.takeRequest(Duration.ofSeconds(5))).isNotNull();
    handle.cancel();

    assertThat(groq.takeRequest(Duration.ofMillis(3500))).as("no retry after cancel").isNull();
    assertThat(groq.completionCalls()).isEqualTo(1);
    listener.assertExhausted();
  }

  private HeldBody hold(String prefix, String trailer) {
    HeldBody body = new HeldBody(prefix, trailer);
    held.add(body);
    groq.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "text/event-stream").body(body).build());
    return body;
  }
}
