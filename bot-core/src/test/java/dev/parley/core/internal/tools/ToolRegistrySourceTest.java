package dev.parley.core.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.llm.ToolDefinition;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A registry with tools that come and go, and allow-lists with a server's wildcard. */
class ToolRegistrySourceTest {
  private static final JsonNode OBJECT = new ObjectMapper().createObjectNode().put("type", "object");

  private record NamedTool(String name) implements Tool {
    @Override
    public String description() {
      return "tool " + name;
    }

    @Override
    public JsonNode parametersSchema() {
      return OBJECT;
    }

    @Override
    public String execute(JsonNode arguments, ToolContext context) {
      return name;
    }
  }

  @Test
  void toolsOfTheSourceAreFoundAsTheyAreNowAndOwnToolsWinAClash() {
    AtomicReference<ToolRegistry> now = new AtomicReference<>(ToolRegistry.empty());
    ToolRegistry registry = new ToolRegistry(List.of(new NamedTool("lookup_ticket")), now::get);
    assertThat(registry.names()).containsExactly("lookup_ticket");

    now.set(new ToolRegistry(List.of(new NamedTool("wiki__search"), new NamedTool("lookup_ticket"))));

    assertThat(registry.names()).containsExactlyInAnyOrder("lookup_ticket", "wiki__search");
    assertThat(registry.find("wiki__search")).isPresent();
    assertThat(registry.definitions(Set.of("lookup_ticket", "wiki__search"))).extracting(ToolDefinition::name)
        .containsExactly("lookup_ticket", "wiki__search");

    now.set(ToolRegistry.empty());
    assertThat(registry.find("wiki__search")).isEmpty();
  }

  @Test
  void aWildcardEnablesEveryToolWithItsPrefixAndNothingElse() {
    ToolRegistry registry = new ToolRegistry(List.of(new NamedTool("wiki__search"), new NamedTool("wiki__page"),
        new NamedTool("wikipedia__search"), new NamedTool("crm__find")));

    assertThat(registry.definitions(Set.of("wiki__*"))).extracting(ToolDefinition::name)
        .containsExactly("wiki__search", "wiki__page");
    assertThat(registry.definitions(Set.of())).isEmpty();
    assertThat(ToolRegistry.isEnabled(Set.of("crm__find"), "crm__find")).isTrue();
    assertThat(ToolRegistry.isEnabled(Set.of("crm__find"), "crm__delete")).isFalse();
  }
}
