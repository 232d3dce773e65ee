package dev.parley.core.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.reply.DisplayText;
import org.junit.jupiter.api.Test;

class DisplayTextTest {
  private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

  @Test
  void cutNeverSplitsASurrogatePairOrAnEmojiSequence() {
    for (String emoji : new String[] {"😀", FAMILY, "👍🏽", "\uD83C\uDDEB\uD83C\uDDF7", "e\u0301"}) {
      for (int offset = 71; offset < 82; offset++) {
        String title = "x".repeat(offset) + emoji.repeat(5);
        String cut = DisplayText.cut(title, 80);

        assertThat(cut.length()).isLessThanOrEqualTo(80);
        String kept = cut.substring(0, cut.length() - 1);
        assertThat(title).startsWith(kept);
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).as("%s at %d", emoji, offset).isFalse();
        assertThat(kept).doesNotEndWith("\u200D");
        String rest = title.substring(kept.length());
        assertThat(rest.startsWith(emoji) || rest.startsWith("x")).as("cut inside %s at %d", emoji, offset).isTrue();
      }
    }
  }

  @Test
  void shortTextIsKeptAsItIs() {
    assertThat(DisplayText.cut("hello " + FAMILY, 80)).isEqualTo("hello " + FAMILY);
  }

  @Test
  void cleanDropsBidiControlsAndReplacesLoneSurrogates() {
    assertThat(DisplayText.clean("a\u202Eb\u2066c\u2069 \uD800x \uDC00 😀 \u200B\u200D"))
        .isEqualTo("abc \uFFFDx \uFFFD 😀 \u200B\u200D");
    assertThat(DisplayText.clean("ends high \uD83D")).isEqualTo("ends high \uFFFD");
  }
}
