package dev.parley.core.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The size check of tool arguments counts UTF-8 bytes, as the 16 KB bound is stated. */
class ToolArgumentsSizeTest {

  @Test
  void countsUtf8BytesOfEveryKindOfCharacter() {
    String text = "a" + "é" + "€" + "🎉" + "\uD800"; // 1 + 2 + 3 + 4 bytes, and a lone surrogate
    assertThat(ToolRunner.utf8Length(text, 1_000)).isEqualTo(1 + 2 + 3 + 4 + 3);
    assertThat(ToolRunner.utf8Length("{\"t\":\"ü🎉\"}", 1_000)).isEqualTo("{\"t\":\"ü🎉\"}".getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void stopsCountingOnceTheLimitIsPassed() {
    assertThat(ToolRunner.utf8Length("x".repeat(1_000_000), 16)).isEqualTo(17);
  }
}
