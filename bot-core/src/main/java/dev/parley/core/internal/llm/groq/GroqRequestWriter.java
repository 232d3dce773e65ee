package dev.parley.core.internal.llm.groq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.ChatRequest;
import dev.parley.core.internal.llm.ContentPart;
import dev.parley.core.internal.llm.ResponseFormat;
import dev.parley.core.internal.llm.ToolCall;
import dev.parley.core.internal.llm.ToolChoice;
import dev.parley.core.internal.llm.ToolDefinition;
import java.util.List;

/**
 * Writes the chat-completions body. Every unset (null) option is left out rather than sent as
 * null, so the server applies its own default. An assistant message that only called tools has
 * no {@code content} key at all (Groq and OpenAI accept the omission; it keeps one rule: null is
 * absent).
 */
final class GroqRequestWriter {
  private final ObjectMapper json;

  GroqRequestWriter(ObjectMapper json) {
    this.json = json;
  }

  String write(ChatRequest request) {
    ObjectNode body = json.createObjectNode();
    body.put("model", request.model());
    ArrayNode messages = body.putArray("messages");
    request.messages().forEach(message -> messages.add(message(message)));
    putIfSet(body, "temperature", request.temperature());
    putIfSet(body, "top_p", request.topP());
    putIfSet(body, "max_completion_tokens", request.maxCompletionTokens());
    if (request.stop() != null) request.stop().forEach(body.withArray("stop")::add);
    body.put("stream", true);
    writeTools(body, request);
    if (request.responseFormat() != null) body.set("response_format", responseFormat(request.responseFormat()));
    if (request.serviceTier() != null) body.put("service_tier", request.serviceTier().wireName());
    putIfSet(body, "seed", request.seed());
    putIfSet(body, "user", request.user());
    return body.toString();
  }

  private ObjectNode message(ChatMessage message) {
    ObjectNode node = json.createObjectNode().put("role", message.role().wireName());
    if (message.content() != null) node.put("content", message.content());
    if (!message.parts().isEmpty()) node.set("content", parts(message.parts()));
    // Never messages[].name: Groq answers it with 400 ("property 'name' is unsupported"), unlike
    // OpenAI. Who said what is carried in the content instead (see PromptAssembler).
    if (!message.toolCalls().isEmpty()) {
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolCall call : message.toolCalls()) {
        ObjectNode entry = calls.addObject().put("id", call.id()).put("type", "function");
        entry.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
    }
    if (message.toolCallId() != null) node.put("tool_call_id", message.toolCallId());
    return node;
  }

  /** A vision request's content array: text and image parts in the order the message has them. */
  private ArrayNode parts(List<ContentPart> parts) {
    ArrayNode array = json.createArrayNode();
    for (ContentPart part : parts) {
      switch (part) {
        case ContentPart.Text text -> array.addObject().put("type", "text").put("text", text.text());
        case ContentPart.ImageUrl image -> array.addObject().put("type", "image_url")
            .putObject("image_url").put("url", image.url());
      }
    }
    return array;
  }

  private void writeTools(ObjectNode body, ChatRequest request) {
    if (request.tools() != null) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDefinition tool : request.tools()) {
        ObjectNode function = tools.addObject().put("type", "function").putObject("function");
        function.put("name", tool.name());
        if (tool.description() != null) function.put("description", tool.description());
        function.set("parameters", tool.parameters());
      }
    }
    switch (request.toolChoice()) {
      case null -> { }
      case ToolChoice.Mode mode -> body.put("tool_choice", mode.value());
      case ToolChoice.Function function -> {
        ObjectNode choice = body.putObject("tool_choice").put("type", "function");
        choice.putObject("function").put("name", function.name());
      }
    }
    putIfSet(body, "parallel_tool_calls", request.parallelToolCalls());
  }

  private ObjectNode responseFormat(ResponseFormat format) {
    return switch (format) {
      case ResponseFormat.JsonObject ignored -> json.createObjectNode().put("type", "json_object");
      case ResponseFormat.JsonSchema schema -> {
        ObjectNode node = json.createObjectNode().put("type", "json_schema");
        ObjectNode inner = node.putObject("json_schema").put("name", schema.name());
        inner.set("schema", schema.schema());
        if (schema.strict() != null) inner.put("strict", schema.strict());
        yield node;
      }
    };
  }

  private static void putIfSet(ObjectNode body, String field, Object value) {
    switch (value) {
      case null -> { }
      case Double number -> body.put(field, number);
      case Integer number -> body.put(field, number);
      case Long number -> body.put(field, number);
      case Boolean flag -> body.put(field, flag);
      default -> body.put(field, value.toString());
    }
  }
}
