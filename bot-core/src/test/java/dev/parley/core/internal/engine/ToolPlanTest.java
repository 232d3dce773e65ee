package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.ChatRequest;
import dev.parley.core.internal.llm.ToolChoice;
import dev.parley.core.internal.llm.ToolDefinition;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolPlanTest {
  private static final ToolDefinition TICKET =
      new ToolDefinition("create_ticket", "Opens a ticket", JsonNodeFactory.instance.objectNode());
  private static final ToolPlan BOTH = new ToolPlan(List.of(TICKET), Set.of("code_interpreter", "browser_search"));

  @Test
  void aCompoundSystemGetsNoToolsAtAll() {
    ChatRequest request = apply(BOTH, "groq/compound", false);

    assertThat(request.tools()).isNull();
    assertThat(request.toolChoice()).isNull();
    assertThat(request.builtInTools()).isNull();
    assertThat(apply(BOTH, "groq/compound-mini", false).tools()).isNull();
  }

  @Test
  void aGptOssModelGetsTheAllowedBuiltInToolsInsteadOfFunctionTools() {
    ChatRequest request = apply(BOTH, "openai/gpt-oss-120b", false);

    assertThat(request.builtInTools()).containsExactly("browser_search", "code_interpreter");
    assertThat(request.tools()).isNull();
    assertThat(request.toolChoice()).isNull();
  }

  @Test
  void aGptOssModelWithNoBuiltInToolsAllowedKeepsTheFunctionTools() {
    ChatRequest request = apply(new ToolPlan(List.of(TICKET), Set.of()), "openai/gpt-oss-20b", false);

    assertThat(request.tools()).containsExactly(TICKET);
    assertThat(request.toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(request.builtInTools()).isNull();
  }

  @Test
  void anOrdinaryModelGetsTheFunctionToolsAndNeverBuiltInOnes() {
    ChatRequest request = apply(BOTH, "llama-3.3-70b-versatile", true);

    assertThat(request.tools()).containsExactly(TICKET);
    assertThat(request.toolChoice()).isEqualTo(ToolChoice.NONE);
    assertThat(request.builtInTools()).isNull();
  }

  @Test
  void applyingForAFallbackModelReplacesTheToolsOfTheFirst() {
    ChatRequest first = apply(BOTH, "llama-3.3-70b-versatile", false);

    ChatRequest fallback = BOTH.applyTo(first.toBuilder(), "groq/compound", false).build();

    assertThat(fallback.model()).isEqualTo("groq/compound");
    assertThat(fallback.tools()).isNull();
    assertThat(fallback.toolChoice()).isNull();
  }

  @Test
  void unknownBuiltInToolNamesAreDropped() {
    assertThat(new ToolPlan(List.of(), Set.of("browser_search", "wolfram_alpha")).builtInsFor("openai/gpt-oss-120b"))
        .containsExactly("browser_search");
  }

  private static ChatRequest apply(ToolPlan plan, String model, boolean lastRound) {
    return plan.applyTo(ChatRequest.builder("any").messages(List.of(ChatMessage.user("hi"))), model, lastRound).build();
  }
}
