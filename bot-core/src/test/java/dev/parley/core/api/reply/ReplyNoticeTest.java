package dev.parley.core.api.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyNoticeTest {

  @Test
  void theNoticeGoesUnderThePartialText() {
    assertThat(ReplyNotice.after("Half an ans", "_Cut off._")).isEqualTo("Half an ans\n\n_Cut off._");
  }

  @Test
  void anOpenCodeBlockIsClosedBeforeTheNotice() {
    assertThat(ReplyNotice.after("Here:\n```java\nint x;\n", "_Cut off._"))
        .isEqualTo("Here:\n```java\nint x;\n```\n\n_Cut off._");
    assertThat(ReplyNotice.after("Here:\n```java\nint x", "_Cut off._"))
        .isEqualTo("Here:\n```java\nint x\n```\n\n_Cut off._");
  }

  @Test
  void aClosedCodeBlockIsLeftAlone() {
    assertThat(ReplyNotice.after("```\nx\n```", "_Stopped._")).isEqualTo("```\nx\n```\n\n_Stopped._");
  }

  @Test
  void withoutPartialTextOnlyTheNoticeIsShown() {
    assertThat(ReplyNotice.after(" \n", "\u26a0\ufe0f _Busy._")).isEqualTo("\u26a0\ufe0f _Busy._");
  }
}
