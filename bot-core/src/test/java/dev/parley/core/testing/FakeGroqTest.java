package dev.parley.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fake itself refuses what Groq refuses, with Groq's statuses and bodies. */
class FakeGroqTest {
  private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void aMissingOrWrongKeyIs401InvalidApiKey() throws Exception {
    FakeGroq groq = FakeGroq.start().expectError("invalid_api_key");
    try (groq) {
      HttpResponse<String> wrong = post(groq, "gsk_wrong", body("llama-3.3-70b-versatile", USER));
      HttpResponse<String> missing = post(groq, null, body("llama-3.3-70b-versatile", USER));

      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).isEqualTo(
          "{\"error\":{\"message\":\"Invalid API Key\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
      assertThat(missing.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aKeylessServerIgnoresTheKeyLikeOllama() throws Exception {
    try (FakeGroq groq = FakeGroq.startKeyless()) {
      assertThat(post(groq, "no-key-configured", body("llama-3.3-70b-versatile", USER)).statusCode()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "not json at all|400|",
      "{\"model\":\"llama-3.3-70b-versatile\",\"stream\":true}|400|'messages' is missing",
      "{\"model\":\"llama-3.3-70b-versatile\",\"stream\":true,\"messages\":[]}|400|minimum number of items",
      "{\"model\":\"llama-3.3-70b-versatile\",\"stream\":\"yes\",\"messages\":[" + USER + "]}|400|'stream'",
      "{\"model\":\"nope\",\"stream\":true,\"messages\":[" + USER + "]}|404|model_not_found",
      "{\"model\":\"llama-3.3-70b-versatile\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"name\":\"ada\"}]}|400|property 'name' is unsupported",
      "{\"model\":\"llama-3.3-70b-versatile\",\"stream\":true,\"messages\":[" + USER + ",{\"role\":\"tool\",\"content\":\"{}\",\"tool_call_id\":\"call_9\"}]}|400|call_9",
      "{\"model\":\"llama-3.3-70b-versatile\",\"stream\":true,\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}|400|role",
  })
  void refusesWhatGroqRefuses(String request, int status, String detail) throws Exception {
    FakeGroq groq = FakeGroq.start();
    HttpResponse<String> response = post(groq, FakeGroq.API_KEY, request);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.body()).contains("\"type\":\"invalid_request_error\"");
    if (detail != null) assertThat(response.body()).contains(detail);
    assertThatThrownBy(groq::close).as("an undeclared refusal fails the test").isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not expect");
  }

  @Test
  void acceptsAToolResultAnsweringAnEarlierCallAndVisionParts() throws Exception {
    String call = "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"lookup_ticket\",\"arguments\":\"{}\"}}]}";
    String result = "{\"role\":\"tool\",\"content\":\"{}\",\"tool_call_id\":\"call_1\"}";
    try (FakeGroq groq = FakeGroq.start().withVisionModels()) {
      assertThat(post(groq, FakeGroq.API_KEY, body("llama-3.3-70b-versatile", USER + "," + call + "," + result))
          .statusCode()).isEqualTo(200);
      HttpResponse<String> answer = post(groq, FakeGroq.API_KEY, body(VISION, vision(1, TestFiles.png(8, 8))));
      assertThat(answer.statusCode()).isEqualTo(200);
      // The echo streams the text parts in chunks of six characters; the image is left out.
      assertThat(answer.body()).contains("\"echo: \"", "\"what i\"", "\"s this\"").doesNotContain("base64");
    }
  }

  @Test
  void anImageSentToAModelWithoutVisionIs400LikeGroq() throws Exception {
    FakeGroq groq = FakeGroq.start().withVisionModels().expectError("invalid_request_error");
    try (groq) {
      HttpResponse<String> response = post(groq, FakeGroq.API_KEY,
          body("llama-3.3-70b-versatile", USER + "," + vision(1, TestFiles.png(8, 8))));

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).isEqualTo(
          "{\"error\":{\"message\":\"message[1].content must be a string\",\"type\":\"invalid_request_error\"}}");
    }
  }

  @Test
  void aVisionModelTakesFiveImagesAndRefusesASixth() throws Exception {
    FakeGroq groq = FakeGroq.start().withVisionModels().expectError("invalid_request_error");
    try (groq) {
      assertThat(post(groq, FakeGroq.API_KEY, body(VISION, vision(5, TestFiles.png(8, 8)))).statusCode()).isEqualTo(200);
      HttpResponse<String> six = post(groq, FakeGroq.API_KEY, body(VISION, vision(6, TestFiles.png(8, 8))));

      assertThat(six.statusCode()).isEqualTo(400);
      assertThat(six.body()).contains("up to 5 images");
    }
  }

  @Test
  void aBase64RequestAbove4MbIs413() throws Exception {
    FakeGroq groq = FakeGroq.start().withVisionModels().expectError("request_too_large");
    try (groq) {
      HttpResponse<String> response = post(groq, FakeGroq.API_KEY,
          body(VISION, vision(1, TestFiles.noisyPng(1000, 1000, 5))));

      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(groq.refusals()).singleElement().asString().startsWith("request_too_large (413");
    }
  }

  private static final String VISION = "meta-llama/llama-4-scout-17b-16e-instruct";

  /** A user message of text and {@code count} copies of {@code png}. */
  private static String vision(int count, byte[] png) {
    StringBuilder parts = new StringBuilder("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is this\"}");
    String url = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png);
    for (int i = 0; i < count; i++) {
      parts.append(",{\"type\":\"image_url\",\"image_url\":{\"url\":\"").append(url).append("\"}}");
    }
    return parts.append("]}").toString();
  }

  private static String body(String model, String messages) {
    return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[" + messages + "]}";
  }

  private HttpResponse<String> post(FakeGroq groq, String key, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(groq.baseUrl() + "/chat/completions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) request.header("Authorization", "Bearer " + key);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
