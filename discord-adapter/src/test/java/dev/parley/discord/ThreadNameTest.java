package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadNameTest {

  @Test
  void longPromptIsCutBetweenEmojiNeverInsideOne() {
    for (int offset = 90; offset < 100; offset++) {
      String name = DiscordReplies.threadName("x".repeat(offset) + "😀👍🏽".repeat(5) + "\nsecond line");

      assertThat(name.length()).isLessThanOrEqualTo(100);
      String kept = name.substring(0, name.length() - 1);
      assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).as("offset %d", offset).isFalse();
      assertThat(kept.replace("x", "").replace("😀👍🏽", "")).as("whole emoji only at %d", offset).isIn("", "😀");
      assertThat(name).endsWith("\u2026");
    }
  }

  @Test
  void bidiOverridesAreDroppedFromTheName() {
    assertThat(DiscordReplies.threadName("open \u202Etxt.exe")).isEqualTo("open txt.exe");
  }
}
