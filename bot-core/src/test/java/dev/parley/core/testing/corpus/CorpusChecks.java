package dev.parley.core.testing.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The checks every platform makes on what reached it, whatever the case. */
public final class CorpusChecks {
  /** The title of a ticket another tenant owns; no case may ever show or send it. */
  public static final String FOREIGN_TITLE = "Payroll export for ACME-OTHER-TENANT 7f3a";

  private CorpusChecks() {}

  /** Text that reached the platform: no half of a surrogate pair (garbled JSON or a broken emoji). */
  public static void assertWellFormed(String what, String text) {
    if (text == null) return;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      assertThat(Character.isSurrogate(c)).as("%s has a lone surrogate at %d", what, i).isFalse();
    }
  }

  /** The case's own content checks on everything the user was shown. */
  public static void assertContent(CorpusCase c, String shown) {
    for (JsonNode absent : c.input().path("absent")) {
      assertThat(shown).as("shown text of %s", c.id()).doesNotContain(absent.asText());
    }
    int maxChars = c.input().path("max_chars").asInt(Integer.MAX_VALUE);
    assertThat(shown.length()).as("characters shown for %s", c.id()).isLessThanOrEqualTo(maxChars);
    JsonNode counts = c.input().path("count");
    for (JsonNode count : counts.isArray() ? counts : List.of(counts)) {
      if (count.isMissingNode()) continue;
      String unit = count.path("text").asText();
      int found = 0;
      for (int at = shown.indexOf(unit); at >= 0; at = shown.indexOf(unit, at + unit.length())) found++;
      assertThat(found).as("whole %s shown in %s", unit, c.id()).isEqualTo(count.path("times").asInt());
    }
    assertThat(shown).doesNotContain(FOREIGN_TITLE);
  }

  /** No model request of the case carried another tenant's ticket. */
  public static void assertNoForeignData(List<JsonNode> modelRequests) {
    for (JsonNode request : modelRequests) {
      assertThat(request.toString()).as("a model request").doesNotContain(FOREIGN_TITLE);
    }
  }
}
