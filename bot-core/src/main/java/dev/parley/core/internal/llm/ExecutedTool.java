package dev.parley.core.internal.llm;

import java.util.List;
import java.util.Objects;

/**
 * A tool the server ran itself while answering (Groq's Compound systems, and built-in tools such
 * as {@code browser_search} on the gpt-oss models), from the {@code executed_tools} of the answer.
 * Parley does not run these; it only reports what they read.
 *
 * @param index the server's index of the call, which keys its fragments while streaming
 * @param type the tool as the server names it ({@code search}, {@code python}, {@code visit}, …); may be empty
 * @param arguments the JSON arguments as sent; may be empty
 * @param output the tool's text output, or empty while the tool has not finished (or when it failed)
 * @param sources the pages it read, in the server's order
 */
public record ExecutedTool(int index, String type, String arguments, String output, List<WebSource> sources) {
  public ExecutedTool {
    type = Objects.requireNonNullElse(type, "");
    arguments = Objects.requireNonNullElse(arguments, "");
    output = Objects.requireNonNullElse(output, "");
    sources = List.copyOf(Objects.requireNonNullElse(sources, List.of()));
  }
}
