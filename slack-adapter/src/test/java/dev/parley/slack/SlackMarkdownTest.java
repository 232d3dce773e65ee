package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SlackMarkdownTest {

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "**bold** text => *bold* text",
      "__bold__ text => *bold* text",
      "an *italic* word => an _italic_ word",
      "an _italic_ word => an _italic_ word",
      "~~gone~~ => ~gone~",
      "see [the docs](https://example.com/a?b=c) => see <https://example.com/a?b=c|the docs>",
      "# Title => *Title*",
      "### Sub title ### => *Sub title*",
      "- first => • first",
      "  * nested =>   • nested",
      "a < b && c > d => a &lt; b &amp;&amp; c &gt; d",
      "> quoted => > quoted",
      "**bold with *italic* inside** => *bold with _italic_ inside*",
      "2 * 3 * 4 => 2 * 3 * 4",
      "snake_case_name => snake_case_name"})
  void convertsInline(String markdown, String mrkdwn) {
    assertThat(SlackMarkdown.toMrkdwn(markdown)).isEqualTo(mrkdwn);
  }

  @Test
  void leavesCodeAloneButEscapesIt() {
    String markdown = "Use `**x**` here.\n```java\nint a = b < c ? **1** : 2;\n```\nDone **now**.";

    assertThat(SlackMarkdown.toMrkdwn(markdown))
        .isEqualTo("Use `**x**` here.\n```\nint a = b &lt; c ? **1** : 2;\n```\nDone *now*.");
  }

  @Test
  void horizontalRuleIsNotABullet() {
    assertThat(SlackMarkdown.toMrkdwn("---")).isEqualTo("---");
  }
}
