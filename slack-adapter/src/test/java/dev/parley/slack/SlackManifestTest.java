package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped app manifest asks for what the adapter uses: events, scopes, the command, the modes. */
class SlackManifestTest {
  private static final Path MANIFEST = Path.of("..", "deploy", "slack", "manifest.yml");

  @Test
  void manifestMatchesWhatTheAdapterHandles() throws Exception {
    JsonNode manifest = new ObjectMapper(new YAMLFactory()).readTree(MANIFEST.toFile());

    assertThat(texts(manifest.at("/settings/event_subscriptions/bot_events"))).contains("app_mention", "message.im",
        "message.channels", "message.groups", "assistant_thread_started", "assistant_thread_context_changed");
    assertThat(texts(manifest.at("/oauth_config/scopes/bot"))).contains("app_mentions:read", "chat:write",
        "im:history", "channels:history", "groups:history", "im:write", "commands", "assistant:write", "users:read",
        "files:read");
    assertThat(manifest.at("/features/slash_commands/0/command").asText()).isEqualTo("/ask");
    assertThat(manifest.at("/settings/socket_mode_enabled").asBoolean()).isTrue();
    assertThat(manifest.at("/settings/interactivity/is_enabled").asBoolean()).isTrue();
    assertThat(manifest.at("/features/assistant_view/suggested_prompts")).isNotEmpty();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(node -> out.add(node.asText()));
    return out;
  }
}
