package dev.parley.discord.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.testing.TestEngines;
import dev.parley.discord.e2e.InteractionPayloads.Place;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The options that change behaviour: sharding through JDA's shard manager, pinging the asking
 * user (and nobody else), model switching for administrators only, and a support channel where
 * every message is answered without a mention.
 */
class ConfiguredBotE2ETest {
  private static DiscordHarness harness;

  @BeforeAll
  static void start() throws InterruptedException {
    harness = DiscordHarness.start(
        settings -> settings.withShards(1, List.of(0)).withPingAuthorOnReply(true).withAdminOnlyModelSwitch(true),
        engine -> engine.channelSettings(key -> TestEngines.settings(true)));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void aShardManagerIdentifiesItsShardAndAnswersPingingOnlyTheAskingUser() {
    assertThat(harness.bot.clients()).hasSize(1);
    assertThat(harness.discord.gateway().identifyPayload().path("shard").toString()).isEqualTo("[0,1]");

    ObjectNode interaction = harness.ask("Sharded hello", Place.guildChannel());
    harness.awaitOriginal(interaction, "echo: Sharded hello");
    List<RecordedCall> writes = harness.discord.calls().stream()
        .filter(c -> c.writesMessage() && c.path().contains(interaction.get("token").asText())).toList();
    assertThat(writes).isNotEmpty().allSatisfy(call -> {
      JsonNode mentions = call.body().path("allowed_mentions");
      assertThat(mentions.path("parse")).isEmpty();
      assertThat(mentions.path("users").toString()).isEqualTo("[\"" + DiscordPayloads.USER_ID + "\"]");
    });
  }

  @Test
  void onlyAdministratorsMaySwitchTheModel() {
    ObjectNode interaction = InteractionPayloads.slashCommand(Snowflakes.now(), "model", Place.guildChannel(),
        InteractionPayloads.stringOption("name", "llama-3.1-8b-instant"));
    harness.discord.interact(interaction);
    String id = interaction.get("id").asText();
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.callback(id) != null);

    assertThat(harness.discord.callback(id).path("data").path("content").asText()).contains("Only administrators");
    assertThat(harness.discord.callback(id).path("data").path("flags").asInt() & 64).isEqualTo(64);
  }

  @Test
  void inASupportChannelEveryMessageStartsAnAnsweredThread() {
    ObjectNode question =
        harness.say(DiscordPayloads.CHANNEL_ID, DiscordPayloads.GUILD_ID, "no mention needed", false);
    String threadId = question.get("id").asText();

    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.thread(threadId) != null
        && !harness.discord.botMessagesIn(threadId).isEmpty()
        && harness.discord.botMessagesIn(threadId).getLast().path("content").asText()
            .equals("echo: no mention needed"));
  }
}
