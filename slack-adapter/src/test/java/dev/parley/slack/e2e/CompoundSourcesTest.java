package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.testing.CompoundAnswers.Result;
import dev.parley.core.testing.CompoundAnswers;
import dev.parley.core.testing.TestEngines;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Groq Compound answer on Slack: its sources show as links under it, its reasoning never. */
class CompoundSourcesTest extends SlackBotTestBase {
  private static final List<Result> FOUND = List.of(
      new Result("Tokyo weather today", "https://weather.example/tokyo"),
      new Result("JMA forecast", "https://www.jma.example/en/forecast"));

  @BeforeEach
  void start() {
    ChannelSettings base = TestEngines.settings(false);
    ChannelSettings compound = new ChannelSettings(base.systemPrompt(), "groq/compound", List.of(), false,
        base.enabledTools(), base.userLimit(), base.conversationLimit(), base.replyCadence());
    startBot(socketSettings(), TestEngines.inMemoryBuilder(groq.baseUrl()).channelSettings(key -> compound)
        .feedback(feedback));
    groq.enqueue(CompoundAnswers.searchedAnswer("SECRET-THOUGHT: search it.", "Tokyo weather", FOUND,
        "It is sunny in Tokyo."));
  }

  @Test
  void aStreamedAnswerEndsWithItsSourcesAsMarkdownLinks() throws Exception {
    Sent sent = mention("C0GENERAL", "weather in Tokyo?", null);

    String shown = awaitAnswerText("C0GENERAL", sent.ts());

    assertThat(shown).startsWith("It is sunny in Tokyo.").contains("Sources:")
        .contains("[Tokyo weather today](https://weather.example/tokyo)")
        .contains("[JMA forecast](https://www.jma.example/en/forecast)")
        .doesNotContain("SECRET-THOUGHT");
    assertThat(nextGroqRequest().has("tools")).isFalse();
  }

  @Test
  void aPostedAnswerEndsWithItsSourcesAsSlackLinks() {
    slack.failStreaming("feature_not_enabled");

    Sent sent = mention("C0GENERAL", "weather in Tokyo?", null);

    String shown = awaitAnswerText("C0GENERAL", sent.ts());
    assertThat(shown).startsWith("It is sunny in Tokyo.").contains("Sources:")
        .contains("<https://weather.example/tokyo|Tokyo weather today>")
        .contains("<https://www.jma.example/en/forecast|JMA forecast>")
        .doesNotContain("SECRET-THOUGHT");
  }
}
