package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.deploy.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar refuses a broken configuration: every problem at once, exit code 2, no secret shown. */
class BrokenConfigurationIT {
  private static final String BOT = "xoxb-1234-5678-TOPSECRETBOT";
  private static final String APP = "xapp-1-A999-TOPSECRETAPP";
  private static final String REDIS_PASSWORD = "TOPSECRETREDIS";
  private static final String GROQ = "gsk_TOPSECRETGROQ";

  @TempDir Path dir;

  @Test
  void listsEveryProblemAndExitsNonZeroWithoutSecrets() throws Exception {
    Path yaml = dir.resolve("parley.yml");
    Files.writeString(yaml, """
        defaults:
          system_prompt: Be brief.
        channels:
          C123:
            modle: llama-3.1-8b-instant
            tools: [create_ticket, jira]
        """);
    Map<String, String> env = Map.of(
        "GROQ_API_KEY", GROQ, "SLACK_BOT_TOKEN", APP, "SLACK_APP_TOKEN", BOT,
        "REDIS_URL", "redis://:" + REDIS_PASSWORD + "@localhost:notaport/0",
        "DISCORD_API_URL", "discord.com/api", "PORT", "70000", "PARLEY_CONFIG", yaml.toString());

    try (ParleyProcess parley = ParleyProcess.start(env)) {
      int exit = parley.awaitExit(Duration.ofSeconds(60));

      assertThat(exit).isEqualTo(2);
      assertThat(parley.stderr())
          .contains("7 problems")
          .contains("SLACK_BOT_TOKEN: holds an app-level token (xapp-...(redacted))")
          .contains("SLACK_APP_TOKEN: holds a bot token (xoxb-...(redacted))")
          .contains("REDIS_URL:", "DISCORD_API_URL:", "PORT:")
          .contains("parley.yml line 5: unknown key 'modle', did you mean 'model'?")
          .contains("parley.yml line 6: 'tools': unknown tool 'jira'")
          .contains("fix: ");
      assertThat(parley.stdout() + parley.stderr())
          .doesNotContain("TOPSECRET", "1234-5678", "A999");
    }
  }

  @Test
  void aPlatformThatCannotConnectStopsTheStartWithoutShowingItsToken() throws Exception {
    int closed = ParleyProcess.freePort();
    Map<String, String> env = Map.of("DISCORD_TOKEN", "MTIz.TOPSECRETDISCORD.abc",
        "DISCORD_API_URL", "http://127.0.0.1:" + closed + "/api/v10/", "DISCORD_GATEWAY_URL", "ws://127.0.0.1:" + closed + "/",
        "GROQ_API_KEY", GROQ, "PORT", Integer.toString(ParleyProcess.freePort()));

    try (ParleyProcess parley = ParleyProcess.start(env)) {
      assertThat(parley.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
      assertThat(parley.stderr()).contains("Parley could not start: discord could not start");
      assertThat(parley.stdout() + parley.stderr()).doesNotContain("TOPSECRET");
    }
  }

  @Test
  void helpListsEverySettingAndNoSecret() throws Exception {
    try (ParleyProcess parley = ParleyProcess.start(Map.of("SLACK_BOT_TOKEN", BOT, "GROQ_API_KEY", GROQ), "--help")) {
      assertThat(parley.awaitExit(Duration.ofSeconds(60))).isZero();

      for (Setting setting : Setting.values()) {
        assertThat(parley.stdout()).contains(setting.name());
      }
      assertThat(parley.stdout() + parley.stderr()).doesNotContain("TOPSECRET");
    }
  }
}
