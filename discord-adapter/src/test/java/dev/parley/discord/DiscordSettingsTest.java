package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.Test;

class DiscordSettingsTest {

  @Test
  void defaultsPointAtDiscord() {
    var settings = DiscordSettings.withToken("secret-token");

    assertThat(settings.apiUrl()).isEqualTo("https://discord.com/api/v10/");
    assertThat(settings.gatewayUrl()).isEqualTo("wss://gateway.discord.gg/");
    assertThat(settings.customGateway()).isFalse();
    assertThat(settings.sharded()).isFalse();
  }

  @Test
  void toStringNeverShowsTheToken() {
    assertThat(DiscordSettings.withToken("secret-token").toString()).doesNotContain("secret-token").contains("***");
  }

  @Test
  void customEndpointsAreNormalised() {
    var settings = DiscordSettings.withToken("t").withEndpoints("http://127.0.0.1:9/api/v10", "ws://127.0.0.1:9/gw");

    assertThat(settings.apiUrl()).isEqualTo("http://127.0.0.1:9/api/v10/");
    assertThat(settings.customGateway()).isTrue();
  }

  @Test
  void rejectsBadValues() {
    assertThatThrownBy(() -> DiscordSettings.withToken(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DiscordSettings.withToken("t").withEndpoints("ftp://x/", null))
        .hasMessageContaining("apiUrl");
    assertThatThrownBy(() -> DiscordSettings.withToken("t").withEndpoints(null, "https://x/"))
        .hasMessageContaining("gatewayUrl");
    assertThatThrownBy(() -> new DiscordSettings("t", null, null, 2, List.of(2), List.of(), false, false, true))
        .hasMessageContaining("shard id 2");
    assertThatThrownBy(() -> new DiscordSettings("t", null, null, 0, List.of(0), List.of(), false, false, true))
        .hasMessageContaining("shardTotal");
  }

  @Test
  void asksForMessageContentOnlyWhenListeningToMessages() {
    var listening = DiscordSettings.withToken("t");
    var commandsOnly = new DiscordSettings("t", null, null, 0, List.of(), List.of(), false, false, false);

    assertThat(DiscordBot.intents(listening)).containsExactlyInAnyOrder(
        GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES, GatewayIntent.MESSAGE_CONTENT);
    assertThat(DiscordBot.intents(commandsOnly)).isEmpty();
  }
}
