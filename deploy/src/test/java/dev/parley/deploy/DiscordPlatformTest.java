package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.discord.DiscordSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscordPlatformTest {
  private static final String GROQ = ParleyConfigTest.GROQ;
  private static final String DISCORD = ParleyConfigTest.DISCORD;

  @Test
  void discordSettingsMapOntoTheAdapter() {
    ParleyConfig sharded = ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ, "DISCORD_TOKEN", DISCORD,
        "DISCORD_SHARD_TOTAL", "4", "DISCORD_SHARD_IDS", "3,2", "DISCORD_COMMAND_GUILDS", "123456789012345678",
        "DISCORD_LISTEN_TO_MESSAGES", "false"));
    ParleyConfig single = ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ, "DISCORD_TOKEN", DISCORD));

    DiscordSettings shards = new DiscordPlatform(sharded.discord().orElseThrow()).adapterSettings();
    DiscordSettings one = new DiscordPlatform(single.discord().orElseThrow()).adapterSettings();

    assertThat(shards.shardTotal()).isEqualTo(4);
    assertThat(shards.shardIds()).containsExactly(2, 3);
    assertThat(shards.commandGuildIds()).containsExactly(123456789012345678L);
    assertThat(shards.listenToMessages()).isFalse();
    assertThat(shards.apiUrl()).isEqualTo("https://discord.com/api/v10/");
    assertThat(one.sharded()).isFalse();
    assertThat(one.listenToMessages()).isTrue();
    assertThat(ParleyConfigTest.catchInvalid(Map.of("GROQ_API_KEY", GROQ, "DISCORD_TOKEN", DISCORD,
        "DISCORD_LISTEN_TO_MESSAGES", "maybe")).problems()).extracting(ConfigProblem::where).containsExactly("DISCORD_LISTEN_TO_MESSAGES");
  }
}
