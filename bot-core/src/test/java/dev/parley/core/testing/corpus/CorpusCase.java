package dev.parley.core.testing.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One line of a hostile-input corpus.
 *
 * @param id unique within the corpus
 * @param inputClass what kind of hostility it is ({@code mass_mention}, {@code malformed_sse}, …)
 * @param kind how the input reaches Parley: {@code user_text}, {@code model_output}, {@code sse},
 *     {@code tool_spam}, {@code cross_tenant}, or a platform's own ({@code slack_event},
 *     {@code slack_http}, {@code discord_dispatch})
 * @param input the case's input fields; see {@link #text(String)}
 * @param expect what the user gets: {@code answered}, {@code notice}, {@code kept_with_notice},
 *     {@code ended}, {@code ignored}, {@code rejected}, {@code answered_once}, {@code bounded_tools},
 *     {@code no_leak}
 * @param dependsOn the branch of issue 9 that makes the case pass, or null when this one does
 */
public record CorpusCase(String id, String inputClass, String kind, JsonNode input, String expect, String dependsOn) {
  public CorpusCase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(inputClass, "class");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(expect, "expect");
  }

  /**
   * A text field of the input: a JSON string as it is, or a generator
   * {@code {"prefix":…,"repeat":…,"times":n,"suffix":…}} for inputs too large to check in.
   */
  public String text(String field) {
    JsonNode node = input.path(field);
    if (node.isMissingNode() || node.isNull()) return null;
    if (node.isTextual()) return node.asText();
    return node.path("prefix").asText("") + node.path("repeat").asText("").repeat(node.path("times").asInt(0))
        + node.path("suffix").asText("");
  }

  @Override
  public String toString() {
    return id + " (" + inputClass + ")";
  }
}
