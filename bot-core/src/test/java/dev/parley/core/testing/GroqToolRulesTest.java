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

/** The fake takes tools as Groq documents them, and refuses the rest. */
class GroqToolRulesTest {
  private static final String FUNCTION = "{\"type\":\"function\",\"function\":{\"name\":\"lookup_ticket\","
      + "\"parameters\":{\"type\":\"object\"}}}";
  private final HttpClient client = HttpClient.newHttpClient();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "groq/compound|[" + FUNCTION + "]|custom tools are not supported",
      "groq/compound-mini|[{\"type\":\"browser_search\"}]|custom tools are not supported",
      "llama-3.3-70b-versatile|[{\"type\":\"browser_search\"}]|browser_search is not supported",
      "llama-3.3-70b-versatile|[{\"type\":\"code_interpreter\"}]|code_interpreter is not supported",
      "openai/gpt-oss-120b|[{\"type\":\"web_search\"}]|value must be one of",
      "openai/gpt-oss-120b|[{\"type\":\"function\"}]|property 'name' is missing",
  })
  void refusesToolsGroqDoesNotTake(String model, String tools, String detail) throws Exception {
    FakeGroq groq = FakeGroq.start();
    HttpResponse<String> response = post(groq, model, tools);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("invalid_request_error", detail);
    assertThatThrownBy(groq::close).isInstanceOf(AssertionError.class).hasMessageContaining("did not expect");
  }

  @Test
  void takesBuiltInToolsOnGptOssAndFunctionsElsewhere() throws Exception {
    try (FakeGroq groq = FakeGroq.start()) {
      assertThat(post(groq, "openai/gpt-oss-120b", "[{\"type\":\"browser_search\"},{\"type\":\"code_interpreter\"}]")
          .statusCode()).isEqualTo(200);
      assertThat(post(groq, "llama-3.3-70b-versatile", "[" + FUNCTION + "]").statusCode()).isEqualTo(200);
      assertThat(post(groq, "groq/compound", "[]").statusCode()).isEqualTo(200);
    }
  }

  private HttpResponse<String> post(FakeGroq groq, String model, String tools) throws Exception {
    String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"tools\":" + tools + "}";
    HttpRequest request = HttpRequest.newBuilder(URI.create(groq.baseUrl() + "/chat/completions"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + FakeGroq.API_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
