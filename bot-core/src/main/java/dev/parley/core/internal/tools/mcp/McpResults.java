package dev.parley.core.internal.tools.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.json.PooledJson;
import dev.parley.core.internal.tools.ToolRefusedException;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an MCP {@code tools/call} result into the text the model reads. The model takes text
 * only: text content and the text of embedded resources are kept, images, audio and binary
 * resources become a short placeholder (never their base64), and a result with only
 * {@code structuredContent} is given as its JSON.
 *
 * <p>A result the server marked {@code isError}, and a result larger than the cap, reach the
 * model as the call's error (a {@link ToolRefusedException}), so it can say what went wrong.
 */
final class McpResults {
  private static final ObjectMapper JSON = PooledJson.newMapper();
  /** How much of an error result the model sees; an error needs a sentence, not a page. */
  static final int MAX_ERROR_CHARS = 2_000;

  private McpResults() {}

  static String text(String tool, McpSchema.CallToolResult result, int maxBytes) throws ToolRefusedException {
    String text = render(result);
    if (Boolean.TRUE.equals(result.isError())) {
      String shown = text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "…" : text;
      throw new ToolRefusedException("The tool '" + tool + "' reported an error: "
          + (shown.isBlank() ? "(no details)" : shown));
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      throw new ToolRefusedException("The tool '" + tool + "' returned " + bytes + " bytes, more than the "
          + maxBytes + " bytes a tool result may have here. Ask it for less, such as a narrower query.");
    }
    return text;
  }

  static String render(McpSchema.CallToolResult result) {
    List<String> parts = new ArrayList<>();
    for (McpSchema.Content content : result.content()) {
      parts.add(switch (content) {
        case McpSchema.TextContent text -> text.text();
        case McpSchema.ImageContent image -> "[image (" + image.mimeType() + ") not shown]";
        case McpSchema.AudioContent audio -> "[audio (" + audio.mimeType() + ") not shown]";
        case McpSchema.EmbeddedResource embedded -> resource(embedded.resource());
        case McpSchema.ResourceLink link -> "[resource link: " + link.name() + " " + link.uri() + "]";
        default -> "[" + content.type() + " content not shown]";
      });
    }
    if (parts.isEmpty() && result.structuredContent() != null) {
      try {
        return JSON.writeValueAsString(result.structuredContent());
      } catch (JsonProcessingException e) {
        return "[structured content that is not JSON]";
      }
    }
    return String.join("\n", parts);
  }

  private static String resource(McpSchema.ResourceContents contents) {
    if (contents instanceof McpSchema.TextResourceContents text) return "[resource " + text.uri() + "]\n" + text.text();
    return "[resource " + contents.uri() + " (" + contents.mimeType() + ") not shown]";
  }
}
