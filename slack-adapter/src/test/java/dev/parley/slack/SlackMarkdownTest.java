package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlackMarkdownTest {
  /** A link this renderer writes: a web or mail URL, one token, then an optional label. */
  static final Pattern OWN_LINK = Pattern.compile("<(https?|mailto):[^<>|\\s]*(\\|[^<>]*)?>");

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
      "a < b && c > d => a &lt; b &amp;&amp; c &gt; d",
      "> quoted => > quoted",
      "**bold with *italic* inside** => *bold with _italic_ inside*",
      "2 * 3 * 4 => 2 * 3 * 4",
      "snake_case_name => snake_case_name",
      "about ~5 minutes => about ~5 minutes",
      "<https://example.com> => <https://example.com>",
      "[mail](mailto:ada@example.com) => <mailto:ada@example.com|mail>"})
  void convertsInline(String markdown, String mrkdwn) {
    assertThat(SlackMarkdown.toMrkdwn(markdown)).isEqualTo(mrkdwn);
  }

  @Test
  void escapesInsideCodeToo() {
    String markdown = "Use `**x** <!here>` here.\n```java\nint a = b < c ? **1** : 2;\n```\nDone **now**.";

    assertThat(SlackMarkdown.toMrkdwn(markdown))
        .isEqualTo("Use `**x** &lt;!here&gt;` here.\n\n```\nint a = b &lt; c ? **1** : 2;\n```\n\nDone *now*.");
  }

  @Test
  void writesListsNestedAndNumbered() {
    String markdown = "1. one\n2. two\n   - inner\n3. three";

    assertThat(SlackMarkdown.toMrkdwn(markdown)).isEqualTo("1. one\n2. two\n    • inner\n3. three");
  }

  @Test
  void horizontalRuleIsNotABullet() {
    assertThat(SlackMarkdown.toMrkdwn("---")).isEqualTo("---");
  }

  @ParameterizedTest
  @ValueSource(strings = {"<!here>", "<!channel>", "<!everyone>", "<!subteam^S123>", "<!subteam^S123|@oncall>",
      "<@U0ADA>", "<@W0ADA|ada>", "<#C0GENERAL>", "<#C0GENERAL|general>", "<https://evil.example|https://bank.example>",
      "<!date^1392734382^{date}|x>", "&lt;!here&gt;", "**<!here>**", "> <!channel>", "- <!everyone>",
      "[<!here>](https://a.io)", "```\n<!here>\n```", "`<@U1>`", "# <!channel>"})
  void noControlSyntaxFromModelTextReachesSlack(String markdown) {
    String out = SlackMarkdown.toMrkdwn("Ping " + markdown + " now");

    assertThat(out).doesNotContain("<!", "<@", "<#");
    assertThat(OWN_LINK.matcher(out).replaceAll("")).doesNotContain("<", ">");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[x](https://a.io/><!here><x)", "[x](https://a.io/|<!here>)", "[x](<https://a.io/><!here>)",
      "[x](https://a.io/?q=<@U1>)", "[x](https://a.io/%3E%3C!here%3E)", "[x](javascript:alert(1))",
      "[x](slack://channel?team=T1&id=C1)", "[<!here>|y](https://a.io)", "![x](https://a.io/|<!channel>)"})
  void linkSmugglingCannotBreakOut(String markdown) {
    String out = SlackMarkdown.toMrkdwn(markdown);

    assertThat(out).doesNotContain("<!", "<@", "<#");
    // At most one link, whose target is one token: no '|' or '<' inside it but the label's bar.
    assertThat(out.chars().filter(c -> c == '<').count()).isLessThanOrEqualTo(1);
    assertThat(out.chars().filter(c -> c == '|').count()).isLessThanOrEqualTo(1);
  }

  @Test
  void onlyWebAndMailLinksBecomeLinks() {
    assertThat(SlackMarkdown.toMrkdwn("[run](javascript:alert(1))")).isEqualTo("run");
    assertThat(SlackMarkdown.toMrkdwn("[x](https://a.io/|<!here>)")).isEqualTo("<https://a.io/%7C&lt;!here&gt;|x>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"@here", "@channel", "@everyone", "@HERE"})
  void bareCrowdMentionsAreInertEvenWithLinkNames(String mention) {
    String out = SlackMarkdown.toMrkdwn("hey " + mention + "!");

    assertThat(out).isEqualTo("hey @\u200D" + mention.substring(1) + "!");
    assertThat(SlackMarkdown.toMrkdwn("mail ada@here.com")).isEqualTo("mail ada@here.com");
  }

  @Test
  void bidiOverridesAreDroppedAndLoneSurrogatesReplaced() {
    assertThat(SlackMarkdown.toMrkdwn("file \u202Etxt.exe\u202C ok \uD800 😀")).isEqualTo("file txt.exe ok \uFFFD 😀");
  }
}
