package dev.parley.core.internal.llm.groq;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.internal.llm.ExecutedTool;
import dev.parley.core.internal.llm.WebSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the {@code executed_tools} of a stream's deltas into {@link ExecutedTool}s, keyed by
 * {@code index}. Groq sends a tool twice: once when it starts ({@code type}, {@code arguments},
 * often an empty {@code search_results}) and once when it is done, repeating those and adding
 * {@code output} and the results. Unlike a tool call's {@code arguments}, no field is split across
 * chunks, so a later fragment's value replaces the earlier one; empty results never replace found
 * ones.
 *
 * <p>Lenient on purpose: these are reports of work the server already did, so a malformed entry
 * is skipped rather than failing an answer whose text is fine. Bounded, since a server could send
 * any number. Not thread-safe; {@link CompletionAssembler} calls it under its lock.
 */
final class ExecutedToolsAssembler {
  /** Compound makes at most 10 tool calls per request; three times that is a broken server. */
  static final int MAX_TOOLS = 32;
  static final int MAX_SOURCES_PER_TOOL = 50;

  private final Map<Integer, Partial> tools = new TreeMap<>();

  /** Folds one delta's {@code executed_tools} array in; a missing or non-array node adds nothing. */
  void accept(JsonNode executedTools) {
    if (executedTools == null || !executedTools.isArray()) return;
    for (JsonNode fragment : executedTools) {
      if (!fragment.isObject()) continue;
      int index = fragment.path("index").canConvertToInt() ? fragment.path("index").intValue() : tools.size();
      Partial tool = tools.get(index);
      if (tool == null) {
        if (tools.size() >= MAX_TOOLS) continue;
        tool = new Partial();
        tools.put(index, tool);
      }
      tool.fold(fragment);
    }
  }

  /** The tools so far, in index order. */
  List<ExecutedTool> tools() {
    List<ExecutedTool> out = new ArrayList<>(tools.size());
    tools.forEach((index, tool) ->
        out.add(new ExecutedTool(index, tool.type, tool.arguments, tool.output, tool.sources)));
    return out;
  }

  private static final class Partial {
    private String type;
    private String arguments;
    private String output;
    private List<WebSource> sources = List.of();

    void fold(JsonNode fragment) {
      type = textOr(fragment.get("type"), type);
      arguments = textOr(fragment.get("arguments"), arguments);
      output = textOr(fragment.get("output"), output);
      List<WebSource> found = new ArrayList<>();
      addSources(fragment.path("search_results").path("results"), found);
      addSources(fragment.path("browser_results"), found);
      if (!found.isEmpty()) sources = List.copyOf(found);
    }

    private static void addSources(JsonNode results, List<WebSource> into) {
      if (!results.isArray()) return;
      for (JsonNode result : results) {
        if (into.size() >= MAX_SOURCES_PER_TOOL) return;
        JsonNode url = result.get("url");
        if (url == null || !url.isTextual() || url.asText().isBlank()) continue;
        JsonNode title = result.get("title");
        into.add(new WebSource(title != null && title.isTextual() ? title.asText() : "", url.asText()));
      }
    }

    private static String textOr(JsonNode node, String previous) {
      if (node == null || node.isNull()) return previous;
      return node.isTextual() ? node.asText() : node.toString();
    }
  }
}
