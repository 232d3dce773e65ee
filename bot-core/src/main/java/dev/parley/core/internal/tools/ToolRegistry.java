package dev.parley.core.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.parley.core.internal.llm.ToolDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tools Parley knows, each with its compiled argument schema. Immutable and thread-safe;
 * which tools a channel may use is decided per request with {@link #definitions(Set)}.
 */
public final class ToolRegistry {
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private final Map<String, Registered> tools = new LinkedHashMap<>();

  /** A tool with its compiled schema. */
  public record Registered(Tool tool, JsonSchema schema) {}

  public ToolRegistry(Collection<? extends Tool> tools) {
    for (Tool tool : tools) {
      if (this.tools.containsKey(tool.name())) {
        throw new IllegalArgumentException("two tools are named " + tool.name());
      }
      this.tools.put(tool.name(), new Registered(tool, SCHEMAS.getSchema(tool.parametersSchema())));
    }
  }

  public static ToolRegistry empty() {
    return new ToolRegistry(List.of());
  }

  public Optional<Registered> find(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  public Set<String> names() {
    return Set.copyOf(tools.keySet());
  }

  /** The definitions to offer the model, for the enabled tool names that exist, in registry order. */
  public List<ToolDefinition> definitions(Set<String> enabled) {
    List<ToolDefinition> definitions = new ArrayList<>();
    for (Registered registered : tools.values()) {
      Tool tool = registered.tool();
      if (enabled.contains(tool.name())) {
        definitions.add(new ToolDefinition(tool.name(), tool.description(), tool.parametersSchema()));
      }
    }
    return definitions;
  }

  /** Schema violations of {@code arguments}, as readable lines; empty when valid. */
  static List<String> violations(Registered registered, JsonNode arguments) {
    return registered.schema().validate(arguments).stream().map(Object::toString).sorted().toList();
  }
}
