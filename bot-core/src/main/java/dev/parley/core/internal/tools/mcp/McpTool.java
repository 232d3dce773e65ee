package dev.parley.core.internal.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.internal.json.PooledJson;
import dev.parley.core.internal.tools.Tool;
import dev.parley.core.internal.tools.ToolContext;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One tool of an MCP server, offered to the model as {@code server__tool}. Calls go to the
 * server's current connection; the tool object lives as long as the server's tool list does.
 */
final class McpTool implements Tool {
  /** Between a server's name and its tool's. Server names hold no underscore, so it is unambiguous. */
  static final String SEPARATOR = "__";
  /** The function-name rule of Groq's (OpenAI's) chat API, which every offered tool must meet. */
  private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
  /** Descriptions go into every request that offers the tool; a server may not fill the prompt. */
  static final int MAX_DESCRIPTION_CHARS = 1_024;
  private static final ObjectMapper JSON = PooledJson.newMapper();

  private final McpServerConnection server;
  private final String remoteName;
  private final String name;
  private final String description;
  private final JsonNode schema;

  private McpTool(McpServerConnection server, String remoteName, String name, String description, JsonNode schema) {
    this.server = server;
    this.remoteName = remoteName;
    this.name = name;
    this.description = description;
    this.schema = schema;
  }

  /**
   * The tool as Parley offers it, or empty when its namespaced name breaks the function-name
   * rule. The MCP spec (2025-11-25, server/tools, "Tool names") says names SHOULD be 1 to 128
   * characters of A-Z, a-z, 0-9, underscore, hyphen and dot; the chat API takes no dot and at
   * most 64, so such a tool is logged and left out rather than renamed into a possible clash.
   */
  static Optional<McpTool> of(McpServerConnection server, McpSchema.Tool remote) {
    Optional<String> name = namespaced(server.name(), remote.name());
    if (name.isEmpty()) return Optional.empty();
    String description = remote.description() != null ? remote.description()
        : remote.title() != null ? remote.title() : "Tool " + remote.name() + " of " + server.name();
    if (description.length() > MAX_DESCRIPTION_CHARS) description = description.substring(0, MAX_DESCRIPTION_CHARS);
    return Optional.of(new McpTool(server, remote.name(), name.get(), description, schema(remote.inputSchema())));
  }

  static Optional<String> namespaced(String server, String tool) {
    String name = server + SEPARATOR + tool;
    return FUNCTION_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
  }

  /**
   * The input schema without its {@code $schema}: servers built with the TypeScript SDK declare
   * draft-07, while Parley validates arguments as 2020-12, which reads the keywords tools use
   * (type, properties, required, enum, minimum) alike.
   */
  private static JsonNode schema(Map<String, Object> inputSchema) {
    JsonNode node = JSON.valueToTree(inputSchema);
    if (!(node instanceof ObjectNode object)) return JSON.createObjectNode().put("type", "object");
    object.remove("$schema");
    if (!object.has("type")) object.put("type", "object");
    return object;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public JsonNode parametersSchema() {
    return schema;
  }

  String remoteName() {
    return remoteName;
  }

  @Override
  public String execute(JsonNode arguments, ToolContext context) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> args = JSON.convertValue(arguments, Map.class);
    McpSchema.CallToolResult result = server.call(remoteName, args);
    return McpResults.text(name, result, server.spec().maxResultBytes());
  }
}
