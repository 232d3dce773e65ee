package dev.parley.core.api.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.BreakIterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one splitter's contract; its cases come from both adapters' former splitters. */
class MessageSplitterTest {
  private static final int DISCORD_LIMIT = 2000;
  private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
  private static final String FLAG = "\uD83C\uDDEB\uD83C\uDDF7";

  private final MessageSplitter discord = new MessageSplitter(DISCORD_LIMIT);

  @Test
  void aShortTextIsOneMessage() {
    assertThat(discord.split("Hello there.")).containsExactly(new MessageSplitter.Part("", "Hello there.", ""));
  }

  @Test
  void anEmptyTextIsOneEmptyPart() {
    assertThat(discord.split("")).containsExactly(new MessageSplitter.Part("", "", ""));
  }

  @Test
  void exactlyTheLimitIsNotSplit() {
    assertThat(discord.split("a".repeat(DISCORD_LIMIT))).hasSize(1);
  }

  @Test
  void aLimitTooSmallForAReopenedFenceIsRefused() {
    assertThatThrownBy(() -> new MessageSplitter(63)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64");
  }

  @Test
  void codeAcrossTheBoundaryIsClosedAndReopenedWithItsLanguage() {
    StringBuilder text = new StringBuilder("Intro.\n\n```java\n");
    while (text.length() < 2600) text.append("int x").append(text.length()).append(" = 1;\n");
    text.append("```\nAfter the code.");
    List<MessageSplitter.Part> parts = discord.split(text.toString());

    assertInvariant(text.toString(), parts, DISCORD_LIMIT);
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).close()).isEqualTo("```");
    assertThat(parts.get(0).text()).endsWith("\n```");
    assertThat(parts.get(1).reopen()).isEqualTo("```java\n");
  }

  @Test
  void prefersAParagraphBreakInTheSecondHalf() {
    String first = "x".repeat(1500) + "\n\n";
    String text = first + "line one\n" + "y".repeat(1000);
    List<MessageSplitter.Part> parts = discord.split(text);

    assertThat(parts.get(0).body()).isEqualTo(first);
    assertInvariant(text, parts, DISCORD_LIMIT);
  }

  @Test
  void fallsBackToLineThenSpaceThenHardCut() {
    assertThat(discord.split(("word ".repeat(20) + "\n").repeat(50)).get(0).body()).endsWith("\n");
    assertThat(discord.split("word ".repeat(1000)).get(0).body()).endsWith(" ");

    String solid = "z".repeat(4100);
    List<MessageSplitter.Part> parts = discord.split(solid);
    assertThat(parts).hasSize(3);
    assertInvariant(solid, parts, DISCORD_LIMIT);
  }

  @Test
  void partsAlreadyCutOffDoNotChangeAsTheTextGrows() {
    String text = paragraphs(40, 70);
    MessageSplitter splitter = new MessageSplitter(900);
    List<String> earlier = splitter.texts(text.substring(0, 2_000));
    List<String> later = splitter.texts(text);

    assertThat(later.subList(0, earlier.size() - 1)).isEqualTo(earlier.subList(0, earlier.size() - 1));
  }

  @Test
  void emojiAcrossEveryHardCutStaysWhole() {
    for (String emoji : List.of("😀", FAMILY, FLAG, "👍🏽", "e\u0301")) {
      for (int offset = 80; offset < 110; offset++) {
        String text = "x".repeat(offset) + emoji + "y".repeat(200);
        List<MessageSplitter.Part> parts = new MessageSplitter(100).split(text);

        assertInvariant(text, parts, 100);
        assertThat(parts).anyMatch(p -> p.body().contains(emoji));
      }
    }
  }

  @Test
  void aHardCutNeverSplitsACharacterReference() {
    for (int offset = 85; offset < 100; offset++) {
      String text = "x".repeat(offset) + "&amp;&lt;&gt;" + "y".repeat(200);
      List<MessageSplitter.Part> parts = new MessageSplitter(100).split(text);

      assertInvariant(text, parts, 100);
      assertThat(parts).allSatisfy(p -> assertThat(p.body()).doesNotContainPattern("&[a-z]*$")
          .doesNotContainPattern("^[a-z]*;"));
    }
  }

  @Test
  void openFenceLanguageTellsTheBlockStillOpen() {
    assertThat(MessageSplitter.openFenceLanguage("text\n```python\nx = 1\n")).isEqualTo("python");
    assertThat(MessageSplitter.openFenceLanguage("```\ncode")).isEmpty();
    assertThat(MessageSplitter.openFenceLanguage("```js\nx\n```\nafter")).isNull();
    assertThat(MessageSplitter.openFenceLanguage("```go\r\nx := 1\r\n")).isEqualTo("go");
  }

  @ParameterizedTest
  @ValueSource(ints = {1999, 2001, 4000, 4500, 9000})
  void theInvariantHoldsForLongCodeHeavyTexts(int length) {
    StringBuilder text = new StringBuilder();
    int block = 0;
    while (text.length() < length) {
      text.append("Paragraph ").append(block).append(" explains things.\n\n```python\n");
      text.append("print('hello')\n".repeat(40 + block % 7)).append("```\n\n");
      block++;
    }
    String answer = text.substring(0, length);
    assertInvariant(answer, discord.split(answer), DISCORD_LIMIT);
  }

  /**
   * The property test: many generated texts mixing words, CRLF and LF breaks, fences with and
   * without languages, surrogate pairs, ZWJ sequences, combining marks, references and words
   * longer than a message, split at several limits.
   */
  @Test
  void theInvariantHoldsForManyGeneratedTexts() {
    Random random = new Random(20261130L);
    for (int round = 0; round < 1500; round++) {
      String text = generated(random, random.nextInt(6_000));
      int limit = List.of(64, 100, 257, 1000, 2000, 3900).get(random.nextInt(6));
      assertInvariant(text, new MessageSplitter(limit).split(text), limit);
    }
  }

  /**
   * Each message fits, the bodies joined are the text, the only added characters are fence lines
   * exactly where a block was cut, no part splits a surrogate pair, and no part splits a
   * user-perceived character shorter than a quarter of the limit.
   */
  static void assertInvariant(String text, List<MessageSplitter.Part> parts, int limit) {
    assertThat(parts.stream().map(MessageSplitter.Part::body).collect(Collectors.joining()))
        .as("bodies joined").isEqualTo(text);
    int at = 0;
    for (int i = 0; i < parts.size(); i++) {
      MessageSplitter.Part part = parts.get(i);
      assertThat(part.text().length()).as("part %d fits", i).isLessThanOrEqualTo(limit);
      assertThat(part.reopen()).matches("(```[^`\\n]*\\n)?");
      assertThat(part.close()).matches("(\\n?```)?");
      boolean cutInsideCode = i > 0 && !parts.get(i - 1).close().isEmpty();
      assertThat(part.reopen().isEmpty()).isEqualTo(!cutInsideCode);
      if (i < parts.size() - 1) {
        assertThat(part.body()).as("part %d is not empty", i).isNotEmpty();
        if (!part.close().isEmpty()) {
          assertThat(fenceLines(part.text()) % 2).as("part %d code renders as code", i).isZero();
        }
      }
      if (i > 0) {
        assertThat(Character.isLowSurrogate(text.charAt(at)) && Character.isHighSurrogate(text.charAt(at - 1)))
            .as("cut %d inside a surrogate pair", at).isFalse();
        assertThat(splitsAShortCharacter(text, at, limit / 4)).as("cut %d inside a character", at).isFalse();
      }
      at += part.body().length();
    }
  }

  private static boolean splitsAShortCharacter(String text, int cut, int maxLength) {
    BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
    graphemes.setText(text);
    if (graphemes.isBoundary(cut)) return false;
    int start = graphemes.preceding(cut);
    int end = graphemes.following(cut);
    return end - start <= maxLength;
  }

  private static long fenceLines(String text) {
    return text.lines().filter(line -> line.strip().startsWith("```")).count();
  }

  private static final List<String> PIECES = List.of("word", "longer", "a", "&amp;", "&lt;", "😀", FAMILY, FLAG,
      "👍🏽", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "中文", " ", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n",
      "```", "```java\n", "```python\r\n", "\n```\n", "`inline`", "**bold**");

  private static String generated(Random random, int length) {
    StringBuilder out = new StringBuilder();
    while (out.length() < length) {
      int pick = random.nextInt(PIECES.size() + 2);
      if (pick == PIECES.size()) {
        out.append("x".repeat(random.nextInt(3000)));
      } else if (pick == PIECES.size() + 1) {
        out.append(FAMILY.repeat(random.nextInt(200)));
      } else {
        out.append(PIECES.get(pick));
      }
    }
    return out.toString();
  }

  private static String paragraphs(int count, int length) {
    return IntStream.range(0, count)
        .mapToObj(i -> ("Paragraph " + i + " says something useful. ").repeat(length / 30 + 1).substring(0, length))
        .collect(Collectors.joining("\n\n"));
  }
}
