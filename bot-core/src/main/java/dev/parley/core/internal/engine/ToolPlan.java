package dev.parley.core.internal.engine;

import dev.parley.core.internal.llm.BuiltInTools;
import dev.parley.core.internal.llm.ChatRequest;
import dev.parley.core.internal.llm.ToolChoice;
import dev.parley.core.internal.llm.ToolDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which tools a request offers the model: Parley's own function tools (tickets), or the built-in
 * tools its server runs itself, never both in one request.
 *
 * <ul>
 *   <li>A Compound system gets no tools: it runs its own and Groq refuses any in the request.
 *   <li>A model that takes built-in tools (the gpt-oss models) gets the channel's allowed built-in
 *       tools when there are any, and then no function tools. Groq documents each kind on its own
 *       and never the two together; and a channel allows built-in tools only by naming them, while
 *       function tools usually come from the global default ({@code PARLEY_TOOLS}), so the
 *       channel's own, deliberate choice wins.
 *   <li>Any other model gets the function tools, as before; allowed built-in tools are ignored.
 * </ul>
 *
 * The plan is applied per model, so a fallback model gets what it can take. Immutable.
 */
record ToolPlan(List<ToolDefinition> functions, Set<String> builtIns) {

  ToolPlan {
    functions = List.copyOf(Objects.requireNonNull(functions, "functions"));
    builtIns = Set.copyOf(builtIns.stream().filter(BuiltInTools.NAMES::contains).toList());
  }

  /** The function tools a request to {@code model} carries. */
  List<ToolDefinition> functionsFor(String model) {
    if (BuiltInTools.isCompound(model) || !builtInsFor(model).isEmpty()) return List.of();
    return functions;
  }

  /** The built-in tools a request to {@code model} carries, sorted so requests are stable. */
  List<String> builtInsFor(String model) {
    if (!BuiltInTools.acceptsBuiltInTools(model)) return List.of();
    return builtIns.stream().sorted().toList();
  }

  /**
   * Sets {@code builder}'s tools for {@code model}, replacing any it had. In the last round of the
   * tool loop function tools stay listed but may not be called, so the loop ends in an answer.
   */
  ChatRequest.Builder applyTo(ChatRequest.Builder builder, String model, boolean lastRound) {
    builder.model(model).tools(null).toolChoice(null).builtInTools(null);
    List<ToolDefinition> offered = functionsFor(model);
    if (!offered.isEmpty()) builder.tools(offered).toolChoice(lastRound ? ToolChoice.NONE : ToolChoice.AUTO);
    List<String> builtIn = builtInsFor(model);
    if (!builtIn.isEmpty()) builder.builtInTools(builtIn);
    return builder;
  }
}
