package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The core ends an answer that used Groq's web tools with a Markdown sources list (see
 * {@code SourcesFooter}); on Slack each entry must become a real link.
 */
class SourcesListMrkdwnTest {

  @Test
  void eachSourceBecomesASlackLinkWithItsTitle() {
    String answer = "It is sunny in Tokyo.\n\nSources:\n- [Tokyo weather today](https://weather.example/tokyo)\n"
        + "- [Java language](https://en.wiki.example/wiki/Java_%28language%29)";

    assertThat(SlackMarkdown.toMrkdwn(answer)).startsWith("It is sunny in Tokyo.\n\nSources:")
        .endsWith("• <https://weather.example/tokyo|Tokyo weather today>\n"
            + "• <https://en.wiki.example/wiki/Java_%28language%29|Java language>");
  }
}
