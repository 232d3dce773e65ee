package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.ModelInfo;
import dev.parley.core.testing.FakeGroq;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroqListModelsTest {
  private final FakeGroq groq = FakeGroq.start();
  private final GroqChatModel model = new GroqChatModel(GroqConfig.defaults("gsk_test").withBaseUrl(groq.baseUrl()));

  @AfterEach
  void tearDown() {
    model.close();
    groq.close();
  }

  @Test
  void parsesLenientlyAndSendsTheKey() throws Exception {
    groq.modelsBody("""
        {"object":"list","data":[
          {"id":"llama-3.3-70b-versatile","object":"model","created":1733447754,"owned_by":"Meta",
           "active":true,"context_window":131072,"public_apps":null,"max_completion_tokens":32768,
           "brand_new_field":{"nested":[1,2]}},
          {"id":"whisper-large-v3","object":"model","owned_by":"OpenAI","active":false},
          {"id":"mystery","context_window":null}
        ]}""");

    assertThat(model.listModels()).containsExactly(
        new ModelInfo("llama-3.3-70b-versatile", "Meta", true, 131072, 32768),
        new ModelInfo("whisper-large-v3", "OpenAI", false, null, null),
        new ModelInfo("mystery", null, true, null, null));
    RecordedRequest sent = groq.server().takeRequest(5, TimeUnit.SECONDS);
    assertThat(sent.getMethod()).isEqualTo("GET");
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/openai/v1/models");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer gsk_test");
  }

  @Test
  void errorsMapLikeCompletions() {
    groq.server().setDispatcher(new mockwebserver3.QueueDispatcher());
    groq.server().enqueue(new MockResponse.Builder().code(401)
        .body("{\"error\":{\"message\":\"Invalid API Key\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")
        .build());

    assertThatThrownBy(model::listModels).isInstanceOfSatisfying(LlmErrors.InvalidApiKey.class,
        error -> assertThat(error.code()).isEqualTo("invalid_api_key"));
  }
}
