package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.BOT_ID;
import static dev.parley.discord.e2e.DiscordPayloads.CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.testing.CompoundAnswers.Result;
import dev.parley.core.testing.CompoundAnswers;
import dev.parley.core.testing.TestEngines;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Groq Compound answer on Discord: its sources show as masked links under it, its reasoning never. */
class CompoundSourcesE2ETest {
  private DiscordHarness harness;

  @BeforeEach
  void start() throws InterruptedException {
    ChannelSettings base = TestEngines.settings(false);
    ChannelSettings compound = new ChannelSettings(base.systemPrompt(), "groq/compound", List.of(), false,
        base.enabledTools(), base.userLimit(), base.conversationLimit(), base.replyCadence());
    harness = DiscordHarness.start(builder -> builder.channelSettings(k -> compound), AccessControl.open());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aCompoundAnswerEndsWithItsSourcesAsLinks() {
    harness.groq.enqueue(CompoundAnswers.searchedAnswer("SECRET-THOUGHT: search it.", "Tokyo weather", List.of(
        new Result("Tokyo weather today", "https://weather.example/tokyo"),
        new Result("JMA forecast", "https://www.jma.example/en/forecast")), "It is sunny in Tokyo."));

    ObjectNode question = harness.say(CHANNEL_ID, GUILD_ID, "<@" + BOT_ID + "> weather in Tokyo?", true);
    String threadId = question.get("id").asText();

    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(threadId).contains("JMA forecast"));
    assertThat(lastBotText(threadId)).isEqualTo("It is sunny in Tokyo.\n\nSources:\n"
        + "- [Tokyo weather today](https://weather.example/tokyo)\n"
        + "- [JMA forecast](https://www.jma.example/en/forecast)");
    assertThat(harness.discord.botMessagesIn(threadId))
        .noneMatch(m -> m.path("content").asText().contains("SECRET-THOUGHT"));
  }

  private String lastBotText(String channelId) {
    List<ObjectNode> messages = harness.discord.botMessagesIn(channelId);
    return messages.isEmpty() ? "" : messages.getLast().path("content").asText();
  }
}
