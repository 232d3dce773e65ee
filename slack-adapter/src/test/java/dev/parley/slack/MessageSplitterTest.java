package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

  @Test
  void shortTextIsOnePiece() {
    assertThat(MessageSplitter.split("hello", 100)).containsExactly("hello");
  }

  @Test
  void cutsAtParagraphsAndLosesNothingButTheBreak() {
    String text = paragraphs(30, 90);
    List<String> parts = MessageSplitter.split(text, 1_000);

    assertThat(parts).hasSizeGreaterThan(2).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(1_000));
    assertThat(String.join("\n\n", parts)).isEqualTo(text);
  }

  @Test
  void codeFenceCutIsClosedAndReopened() {
    StringBuilder code = new StringBuilder("Intro\n\n```python\n");
    for (int i = 0; i < 60; i++) code.append("print('line ").append(i).append("')\n");
    code.append("```\nAfter.");
    List<String> parts = MessageSplitter.split(code.toString(), 400);

    assertThat(parts).hasSizeGreaterThan(2).allSatisfy(p -> {
      assertThat(p.length()).isLessThanOrEqualTo(400);
      assertThat(MessageSplitter.insideFence(p)).as("balanced fences in %s", p).isFalse();
    });
    String rejoined = String.join("\n", parts).replace("```\n```\n", "");
    assertThat(rejoined.replaceAll("\\s+", "")).isEqualTo(code.toString().replaceAll("\\s+", ""));
  }

  @Test
  void textWithoutBreaksIsCutHard() {
    String text = "x".repeat(250);
    List<String> parts = MessageSplitter.split(text, 100);

    assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(100));
    assertThat(String.join("", parts)).isEqualTo(text);
  }

  @Test
  void piecesAlreadyCutOffDoNotChangeAsTheTextGrows() {
    String text = paragraphs(40, 70);
    List<String> earlier = MessageSplitter.split(text.substring(0, 2_000), 900);
    List<String> later = MessageSplitter.split(text, 900);

    assertThat(later.subList(0, earlier.size() - 1)).isEqualTo(earlier.subList(0, earlier.size() - 1));
  }

  @Test
  void emojiAcrossEveryHardCutStaysWhole() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    String flag = "\uD83C\uDDEB\uD83C\uDDF7";
    for (String emoji : List.of("😀", family, flag, "👍🏽")) {
      for (int offset = 80; offset < 110; offset++) {
        String text = "x".repeat(offset) + emoji + "y".repeat(200);
        List<String> parts = MessageSplitter.split(text, 100);

        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(parts).allSatisfy(p -> {
          assertThat(Character.isLowSurrogate(p.charAt(0))).as("starts inside a pair: %s", p).isFalse();
          assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).as("ends inside a pair").isFalse();
          assertThat(p).doesNotStartWith("\u200D").doesNotEndWith("\u200D");
        });
        assertThat(parts).anyMatch(p -> p.contains(emoji));
      }
    }
  }

  @Test
  void aHardCutNeverSplitsAnEscape() {
    for (int offset = 85; offset < 100; offset++) {
      String text = "x".repeat(offset) + "&amp;&lt;&gt;" + "y".repeat(200);
      List<String> parts = MessageSplitter.split(text, 100);

      assertThat(parts).allSatisfy(p -> assertThat(p).doesNotContainPattern("&[a-z]*$").doesNotStartWith("amp;")
          .doesNotStartWith("lt;").doesNotStartWith("gt;").doesNotStartWith("mp;").doesNotStartWith("t;")
          .doesNotStartWith("p;"));
    }
  }

  private static String paragraphs(int count, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) out.append("\n\n");
      out.append(("Paragraph " + i + " says something useful. ").repeat(length / 30 + 1), 0, length);
    }
    return out.toString();
  }
}
