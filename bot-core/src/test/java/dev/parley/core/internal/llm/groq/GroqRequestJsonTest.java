package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.ChatRequest;
import dev.parley.core.internal.llm.ContentPart;
import dev.parley.core.internal.llm.ResponseFormat;
import dev.parley.core.internal.llm.ServiceTier;
import dev.parley.core.internal.llm.ToolCall;
import dev.parley.core.internal.llm.ToolChoice;
import dev.parley.core.internal.llm.ToolDefinition;
import dev.parley.core.testing.FakeGroq;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What goes on the wire, group by group: set options appear with Groq's names, unset ones never. */
class GroqRequestJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<ChatMessage> HI = List.of(ChatMessage.user("hi"));

  private final FakeGroq groq = FakeGroq.start();
  private final GroqChatModel model = new GroqChatModel(GroqConfig.defaults("gsk_test").withBaseUrl(groq.baseUrl()));

  @AfterEach
  void tearDown() {
    model.close();
    groq.close();
  }

  @Test
  void minimalRequestHasOnlyModelMessagesAndStream() throws Exception {
    RecordedRequest sent = send(ChatRequest.builder("llama-3.1-8b-instant").messages(HI).build());

    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/openai/v1/chat/completions");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer gsk_test");
    assertThat(sent.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(body(sent)).isEqualTo(json("""
        {"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"hi"}],"stream":true}"""));
  }

  @Test
  void aUserMessageWithImagesIsAContentArrayOfTextAndImageUrlParts() throws Exception {
    groq.withVisionModels();
    String url = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(dev.parley.core.testing.TestFiles.png(4, 4));
    ChatMessage question = ChatMessage.user(List.of(new ContentPart.Text("what is this?"), new ContentPart.ImageUrl(url)));

    JsonNode body = body(send(ChatRequest.builder("meta-llama/llama-4-scout-17b-16e-instruct")
        .messages(List.of(ChatMessage.system("Be brief."), question)).build()));

    assertThat(body.get("messages").get(1)).isEqualTo(json("""
        {"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"%s"}}]}"""
        .formatted(url)));
  }

  @Test
  void samplingParametersAndStop() throws Exception {
    JsonNode body = body(send(base().temperature(0.7).topP(0.9).maxCompletionTokens(256)
        .stop(List.of("\n\n", "END")).build()));

    assertThat(body.get("temperature").doubleValue()).isEqualTo(0.7);
    assertThat(body.get("top_p").doubleValue()).isEqualTo(0.9);
    assertThat(body.get("max_completion_tokens").intValue()).isEqualTo(256);
    assertThat(body.get("stop")).isEqualTo(json("[\"\\n\\n\",\"END\"]"));
  }

  static Stream<Arguments> toolChoices() {
    return Stream.of(Arguments.of(ToolChoice.AUTO, "\"auto\""), Arguments.of(ToolChoice.NONE, "\"none\""),
        Arguments.of(ToolChoice.REQUIRED, "\"required\""),
        Arguments.of(ToolChoice.function("weather"), "{\"type\":\"function\",\"function\":{\"name\":\"weather\"}}"));
  }

  @ParameterizedTest
  @MethodSource("toolChoices")
  void toolsWithEachToolChoice(ToolChoice choice, String expected) throws Exception {
    JsonNode parameters = json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");
    JsonNode body = body(send(base().tools(List.of(new ToolDefinition("weather", "Current weather", parameters)))
        .toolChoice(choice).parallelToolCalls(false).build()));

    assertThat(body.get("tools")).isEqualTo(json("[{\"type\":\"function\",\"function\":{\"name\":\"weather\","
        + "\"description\":\"Current weather\",\"parameters\":" + parameters + "}}]"));
    assertThat(body.get("tool_choice")).isEqualTo(json(expected));
    assertThat(body.get("parallel_tool_calls").booleanValue()).isFalse();
  }

  @Test
  void responseFormats() throws Exception {
    JsonNode schema = json("{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}");

    assertThat(body(send(base().responseFormat(ResponseFormat.jsonObject()).build())).get("response_format"))
        .isEqualTo(json("{\"type\":\"json_object\"}"));
    assertThat(body(send(base().responseFormat(ResponseFormat.jsonSchema("verdict", schema, true)).build()))
        .get("response_format")).isEqualTo(json(
            "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"verdict\",\"schema\":" + schema + ",\"strict\":true}}"));
    assertThat(body(send(base().responseFormat(ResponseFormat.jsonSchema("verdict", schema, null)).build()))
        .get("response_format").get("json_schema").has("strict")).isFalse();
  }

  @ParameterizedTest
  @EnumSource(ServiceTier.class)
  void serviceTier(ServiceTier tier) throws Exception {
    String expected = switch (tier) {
      case AUTO -> "auto";
      case ON_DEMAND -> "on_demand";
      case FLEX -> "flex";
    };
    assertThat(body(send(base().serviceTier(tier).build())).get("service_tier").asText()).isEqualTo(expected);
  }

  @Test
  void seedAndUser() throws Exception {
    JsonNode body = body(send(base().seed(42L).user("U123").build()));

    assertThat(body.get("seed").longValue()).isEqualTo(42L);
    assertThat(body.get("user").asText()).isEqualTo("U123");
  }

  @Test
  void aMessageNameIsNeverSentBecauseGroqRefusesIt() throws Exception {
    JsonNode body = body(send(ChatRequest.builder("llama-3.3-70b-versatile")
        .messages(List.of(ChatMessage.user("Weather?", "alice"))).build()));

    assertThat(body.get("messages").get(0).has("name")).isFalse();
    assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("Weather?");
  }

  @Test
  void everyMessageRole() throws Exception {
    List<ChatMessage> messages = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Weather?", "alice"),
        ChatMessage.assistant(null, List.of(new ToolCall("call_1", "weather", "{\"city\":\"Oslo\"}"))),
        ChatMessage.tool("call_1", "{\"temp\":3}"), ChatMessage.assistant("3 degrees."));

    JsonNode body = body(send(ChatRequest.builder("llama-3.3-70b-versatile").messages(messages).build()));

    assertThat(body.get("messages")).isEqualTo(json("""
        [{"role":"system","content":"Be brief."},
         {"role":"user","content":"Weather?"},
         {"role":"assistant","tool_calls":[{"id":"call_1","type":"function",
           "function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
         {"role":"tool","content":"{\\"temp\\":3}","tool_call_id":"call_1"},
         {"role":"assistant","content":"3 degrees."}]"""));
  }

  private static ChatRequest.Builder base() {
    return ChatRequest.builder("llama-3.3-70b-versatile").messages(HI);
  }

  private RecordedRequest send(ChatRequest request) throws Exception {
    RecordingListener listener = new RecordingListener();
    model.stream(request, listener);
    listener.assertContent("echo: ");
    RecordedRequest sent = groq.server().takeRequest(5, TimeUnit.SECONDS);
    assertThat(sent).isNotNull();
    return sent;
  }

  private static JsonNode body(RecordedRequest request) throws Exception {
    return JSON.readTree(request.getBody().utf8());
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
