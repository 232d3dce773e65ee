package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.llm.groq.GroqChatModel;
import dev.parley.core.internal.llm.groq.GroqConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model list through the real client against a server whose {@code /models} fails, counted at the server. */
class ModelCatalogTest {
  private static final String MODELS = """
      {"object":"list","data":[{"id":"llama-3.3-70b-versatile","object":"model","active":true,"context_window":131072}]}""";

  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger modelRequests = new AtomicInteger();
  private final AtomicLong now = new AtomicLong();
  private volatile boolean failing = true;
  private GroqChatModel client;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        modelRequests.incrementAndGet();
        return failing
            ? new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"down\",\"type\":\"internal_server_error\"}}").build()
            : new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(MODELS).build();
      }
    });
    server.start();
    client = new GroqChatModel(GroqConfig.defaults("gsk_test").withBaseUrl(server.url("/openai/v1").toString())
        .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10)));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void aFailingModelListIsAskedForOnceAMinuteNotOnEveryTurn() {
    ModelCatalog catalog = new ModelCatalog(client, 8192, Duration.ofMinutes(10), now::get);

    for (int turn = 0; turn < 5; turn++) assertThat(catalog.contextWindow("llama-3.3-70b-versatile")).isEqualTo(8192);
    assertThat(modelRequests).hasValue(1);

    failing = false;
    now.addAndGet(ModelCatalog.FAILURE_TTL.plusSeconds(1).toNanos());
    assertThat(catalog.contextWindow("llama-3.3-70b-versatile")).isEqualTo(131072);
    assertThat(catalog.contextWindow("llama-3.3-70b-versatile")).isEqualTo(131072);
    assertThat(modelRequests).hasValue(2);
  }

  @Test
  void aFailureAfterASuccessKeepsServingTheLastListWithoutAskingAgain() {
    failing = false;
    ModelCatalog catalog = new ModelCatalog(client, 8192, Duration.ofMinutes(10), now::get);
    assertThat(catalog.models()).hasSize(1);

    failing = true;
    now.addAndGet(Duration.ofMinutes(11).toNanos());
    for (int turn = 0; turn < 3; turn++) assertThat(catalog.models()).hasSize(1);

    assertThat(modelRequests).hasValue(2);
  }
}
