package dev.parley.discord.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With a shard total configured the bot runs through JDA's shard manager, on this instance's shards. */
class ShardedBotE2ETest {

  @Test
  void aShardManagerConnectsIdentifiesItsShardAndAnswers() throws InterruptedException {
    try (DiscordHarness harness = DiscordHarness.start(settings -> settings.withShards(1, List.of(0)))) {
      assertThat(harness.bot.clients()).hasSize(1);
      assertThat(harness.discord.gateway().identifyPayload().path("shard").toString()).isEqualTo("[0,1]");

      ObjectNode interaction = harness.ask("Sharded hello", InteractionPayloads.Place.guildChannel());
      harness.awaitOriginal(interaction, "echo: Sharded hello");
    }
  }
}
