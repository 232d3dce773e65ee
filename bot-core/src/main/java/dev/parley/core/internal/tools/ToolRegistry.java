package dev.parley.core.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.parley.core.internal.llm.ToolDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tools Parley knows, each with its compiled argument schema. Immutable and thread-safe;
 * which tools a channel may use is decided per request with {@link #definitions(Set)}.
 *
 * <p>Besides its own tools a registry may ask a {@link ToolSource} on every lookup, for tools
 * that come and go while Parley runs (those of MCP servers). Its own tools win a name clash.
 *
 * <p>An enabled name ending in {@code *} enables every tool whose name starts with what comes
 * before it, such as {@code wiki__*} for all tools of the MCP server {@code wiki}.
 */
public final class ToolRegistry {
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private final Map<String, Registered> tools = new LinkedHashMap<>();
  /** Null for a registry without one, which keeps {@link ToolSource#NONE} from asking itself. */
  private final ToolSource more;

  /** A tool with its compiled schema. */
  public record Registered(Tool tool, JsonSchema schema) {}

  /** Tools that change while Parley runs; asked for its current registry on every lookup. */
  @FunctionalInterface
  public interface ToolSource {
    ToolSource NONE = ToolRegistry::empty;

    /** The tools now; cheap (no I/O), thread-safe. */
    ToolRegistry current();
  }

  public ToolRegistry(Collection<? extends Tool> tools) {
    this(tools, ToolSource.NONE);
  }

  public ToolRegistry(Collection<? extends Tool> tools, ToolSource more) {
    this.more = more == ToolSource.NONE ? null : Objects.requireNonNull(more, "more");
    for (Tool tool : tools) {
      if (this.tools.containsKey(tool.name())) {
        throw new IllegalArgumentException("two tools are named " + tool.name());
      }
      this.tools.put(tool.name(), new Registered(tool, SCHEMAS.getSchema(tool.parametersSchema())));
    }
  }

  private static final ToolRegistry EMPTY = new ToolRegistry(List.of(), ToolSource.NONE);

  public static ToolRegistry empty() {
    return EMPTY;
  }

  public Optional<Registered> find(String name) {
    Registered own = tools.get(name);
    return own != null || more == null ? Optional.ofNullable(own) : more.current().find(name);
  }

  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>(tools.keySet());
    if (more != null) names.addAll(more.current().names());
    return Set.copyOf(names);
  }

  /** The definitions to offer the model, for the enabled tool names that exist, in registry order. */
  public List<ToolDefinition> definitions(Set<String> enabled) {
    List<ToolDefinition> definitions = new ArrayList<>();
    for (Registered registered : tools.values()) {
      Tool tool = registered.tool();
      if (isEnabled(enabled, tool.name())) {
        definitions.add(new ToolDefinition(tool.name(), tool.description(), tool.parametersSchema()));
      }
    }
    if (more != null) {
      for (ToolDefinition definition : more.current().definitions(enabled)) {
        if (!tools.containsKey(definition.name())) definitions.add(definition);
      }
    }
    return definitions;
  }

  /** Whether {@code enabled} names the tool, itself or with a {@code prefix*} entry. */
  public static boolean isEnabled(Set<String> enabled, String name) {
    if (enabled.contains(name)) return true;
    for (String entry : enabled) {
      if (entry.endsWith("*") && name.startsWith(entry.substring(0, entry.length() - 1))) return true;
    }
    return false;
  }

  /** Schema violations of {@code arguments}, as readable lines; empty when valid. */
  static List<String> violations(Registered registered, JsonNode arguments) {
    return registered.schema().validate(arguments).stream().map(Object::toString).sorted().toList();
  }
}
