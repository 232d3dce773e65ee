package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.ChatRequest;
import dev.parley.core.testing.FakeGroq;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Groq's built-in tools on the wire: entries of {@code tools} that carry only their type. */
class GroqBuiltInToolsJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeGroq groq = FakeGroq.start();
  private final GroqChatModel model = new GroqChatModel(GroqConfig.defaults("gsk_test").withBaseUrl(groq.baseUrl()));

  @AfterEach
  void tearDown() {
    model.close();
    groq.close();
  }

  @Test
  void builtInToolsAreSentAsTypeOnlyToolEntries() throws Exception {
    RecordedRequest sent = send(ChatRequest.builder("openai/gpt-oss-120b").messages(List.of(ChatMessage.user("hi")))
        .builtInTools(List.of("browser_search", "code_interpreter")).build());

    JsonNode body = JSON.readTree(sent.getBody().utf8());
    assertThat(body.get("tools")).isEqualTo(JSON.readTree("[{\"type\":\"browser_search\"},{\"type\":\"code_interpreter\"}]"));
    assertThat(body.has("tool_choice")).isFalse();
  }

  @Test
  void aRequestWithoutBuiltInToolsHasNoToolsKey() throws Exception {
    RecordedRequest sent = send(ChatRequest.builder("groq/compound").messages(List.of(ChatMessage.user("hi"))).build());

    assertThat(JSON.readTree(sent.getBody().utf8()).has("tools")).isFalse();
  }

  @Test
  void aBuiltInToolNameMustLookLikeOne() {
    assertThatThrownBy(() -> ChatRequest.builder("openai/gpt-oss-120b").messages(List.of(ChatMessage.user("hi")))
        .builtInTools(List.of("browser search\"}")).build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toBuilderKeepsTheBuiltInTools() {
    ChatRequest request = ChatRequest.builder("openai/gpt-oss-20b").messages(List.of(ChatMessage.user("hi")))
        .builtInTools(List.of("browser_search")).build();

    assertThat(request.toBuilder().build().builtInTools()).containsExactly("browser_search");
  }

  private RecordedRequest send(ChatRequest request) throws Exception {
    RecordingListener listener = new RecordingListener();
    model.stream(request, listener);
    RecordingListener.Event event;
    do {
      event = listener.next();
    } while (!(event instanceof RecordingListener.Complete));
    RecordedRequest sent = groq.server().takeRequest(5, TimeUnit.SECONDS);
    assertThat(sent).isNotNull();
    return sent;
  }
}
