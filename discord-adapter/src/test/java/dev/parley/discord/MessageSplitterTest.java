package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageSplitterTest {
  private final MessageSplitter splitter = new MessageSplitter();

  @Test
  void aShortAnswerIsOneMessage() {
    assertThat(splitter.split("Hello there.")).containsExactly(new MessageSplitter.Part("", "Hello there.", ""));
  }

  @Test
  void anEmptyAnswerIsOneEmptyPart() {
    assertThat(splitter.split("")).containsExactly(new MessageSplitter.Part("", "", ""));
  }

  @Test
  void exactlyTheLimitIsNotSplit() {
    String answer = "a".repeat(2000);
    assertThat(splitter.split(answer)).hasSize(1);
  }

  @Test
  void a4500CharacterAnswerWithCodeAcrossTheBoundaryIsSplitAndReopened() {
    String answer = Answers.longWithCode();
    assertThat(answer).hasSize(4500);
    List<MessageSplitter.Part> parts = splitter.split(answer);

    assertInvariant(answer, parts);
    assertThat(parts).hasSize(3);
    MessageSplitter.Part first = parts.get(0);
    MessageSplitter.Part second = parts.get(1);
    assertThat(first.body()).contains("```java\n");
    assertThat(first.close()).isEqualTo("```");
    assertThat(first.text()).endsWith("\n```");
    assertThat(second.reopen()).isEqualTo("```java\n");
    assertThat(second.text()).startsWith("```java\n");
    assertThat(parts.get(2).reopen()).isEmpty();
  }

  @Test
  void prefersAParagraphBreakInTheSecondHalf() {
    String first = "x".repeat(1500) + "\n\n";
    String answer = first + "line one\n" + "y".repeat(1000);
    List<MessageSplitter.Part> parts = splitter.split(answer);

    assertThat(parts.get(0).body()).isEqualTo(first);
    assertInvariant(answer, parts);
  }

  @Test
  void fallsBackToLineThenSpaceThenHardCut() {
    String lines = ("word ".repeat(20) + "\n").repeat(50);
    assertThat(splitter.split(lines).get(0).body()).endsWith("\n");

    String spaces = "word ".repeat(1000);
    assertThat(splitter.split(spaces).get(0).body()).endsWith(" ");

    String solid = "z".repeat(4100);
    List<MessageSplitter.Part> parts = splitter.split(solid);
    assertThat(parts).hasSize(3);
    assertInvariant(solid, parts);
  }

  @Test
  void neverCutsASurrogatePair() {
    String answer = "\uD83D\uDE00".repeat(1500);
    List<MessageSplitter.Part> parts = splitter.split(answer);

    assertInvariant(answer, parts);
    for (MessageSplitter.Part part : parts) {
      assertThat(Character.isLowSurrogate(part.body().charAt(0))).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1999, 2001, 4000, 4500, 9000})
  void theInvariantHoldsForLongCodeHeavyAnswers(int length) {
    StringBuilder text = new StringBuilder();
    int block = 0;
    while (text.length() < length) {
      text.append("Paragraph ").append(block).append(" explains things.\n\n```python\n");
      text.append("print('hello')\n".repeat(40 + block % 7)).append("```\n\n");
      block++;
    }
    String answer = text.substring(0, length);
    assertInvariant(answer, splitter.split(answer));
  }

  @Test
  void emojiAcrossEveryHardCutStaysWhole() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    for (String emoji : List.of("😀", family, "\uD83C\uDDEB\uD83C\uDDF7", "👍🏽")) {
      for (int offset = 0; offset < 12; offset++) {
        String answer = "x".repeat(offset) + emoji.repeat(4_500 / emoji.length());
        List<MessageSplitter.Part> parts = new MessageSplitter().split(answer);

        assertInvariant(answer, parts);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> {
          String body = part.body();
          assertThat(Character.isLowSurrogate(body.charAt(0))).as("starts inside a pair").isFalse();
          assertThat(Character.isHighSurrogate(body.charAt(body.length() - 1))).as("ends inside a pair").isFalse();
          assertThat(body).doesNotStartWith("\u200D").doesNotEndWith("\u200D");
          assertThat(body.replace("x", "").length() % emoji.length()).as("whole emoji only").isZero();
        });
      }
    }
  }

  /**
   * The splitter's contract: each message fits, the bodies joined are the answer, and the only
   * added characters are fence lines, which appear exactly where a block was cut.
   */
  static void assertInvariant(String answer, List<MessageSplitter.Part> parts) {
    assertThat(parts.stream().map(MessageSplitter.Part::body).collect(Collectors.joining())).isEqualTo(answer);
    for (int i = 0; i < parts.size(); i++) {
      MessageSplitter.Part part = parts.get(i);
      assertThat(part.text().length()).isLessThanOrEqualTo(MessageSplitter.DISCORD_LIMIT);
      assertThat(part.reopen()).matches("(```[^`\\n]*\\n)?");
      assertThat(part.close()).matches("(\\n?```)?");
      boolean cutInsideCode = i > 0 && !parts.get(i - 1).close().isEmpty();
      assertThat(part.reopen().isEmpty()).isEqualTo(!cutInsideCode);
      if (i < parts.size() - 1 && !part.close().isEmpty()) {
        assertThat(fenceLines(part.text()) % 2).as("message %d renders its code as code", i).isZero();
      }
    }
  }

  private static long fenceLines(String text) {
    return text.lines().filter(line -> line.strip().startsWith("```")).count();
  }
}
