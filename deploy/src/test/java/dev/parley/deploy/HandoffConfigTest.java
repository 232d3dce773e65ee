package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.HandoffSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code handoff:} in the channel file: off unless a group is named, checked, and every problem shown with its fix. */
class HandoffConfigTest {
  @TempDir Path dir;

  @Test
  void aChannelCallsItsGroupAndOthersCallNobody() throws IOException {
    Path yaml = write("""
        defaults:
          handoff:
            quiet_for: 2h
        channels:
          "slack:T1:C0SUPPORT":
            support_channel: true
            handoff:
              on_call_group: S0123ABCD
          "discord:123456:789012":
            handoff:
              on_call_group: "987654321098765432"
              quiet_for: 30m
          C0QUIET:
            handoff: off
        """);

    ParleyConfig config = load(yaml);

    HandoffSettings slack = config.channels().settingsFor(new ConversationKey("slack", "T1", "C0SUPPORT", "1.2")).handoff();
    assertThat(slack).isEqualTo(new HandoffSettings("S0123ABCD", Duration.ofHours(2)));
    HandoffSettings discord = config.channels().settingsFor(new ConversationKey("discord", "123456", "789012", "1")).handoff();
    assertThat(discord).isEqualTo(new HandoffSettings("987654321098765432", Duration.ofMinutes(30)));
    assertThat(config.channels().settingsFor(new ConversationKey("slack", "T1", "C0QUIET", "1.2")).handoff().enabled())
        .isFalse();
    assertThat(config.channels().settingsFor(new ConversationKey("slack", "T1", "C9", "1.2")).handoff().enabled())
        .isFalse();
  }

  @Test
  void withoutAConfigFileNobodyIsEverCalled() {
    ParleyConfig config = ParleyConfig.load(Map.of("GROQ_API_KEY", ParleyConfigTest.GROQ));

    assertThat(config.channels().defaults().handoff()).isEqualTo(HandoffSettings.OFF);
  }

  @Test
  void badHandoffSettingsAreReportedTogetherWithTheirLinesAndFixes() throws IOException {
    Path yaml = write("""
        channels:
          C1:
            handoff:
              on_call_group: "@oncall"
          C2:
            handoff:
              quiet_for: 4h
          C3:
            handoff:
              on_call_group: S0123ABCD
              quiet_four: 4h
          "slack:T1:C4":
            handoff:
              on_call_group: "987654321098765432"
          C5:
            handoff:
              on_call_group: S0123ABCD
              quiet_for: 200h
        """);

    InvalidConfigException error = ParleyConfigTest.catchInvalid(
        Map.of("GROQ_API_KEY", ParleyConfigTest.GROQ, "PARLEY_CONFIG", yaml.toString()));

    assertThat(error.problems()).hasSize(5);
    assertThat(error.problems().get(0).where()).isEqualTo("parley.yml line 4");
    assertThat(error.problems().get(0).problem()).contains("'@oncall' is a mention or a handle; write the group's id");
    assertThat(error.problems().get(0).fix()).contains("on_call_group:", "S0123ABCD", "handoff: off");
    assertThat(error.problems().get(1).problem()).contains("on_call_group is missing");
    assertThat(error.problems().get(2).problem()).contains("unknown key 'quiet_four', did you mean 'quiet_for'?");
    assertThat(error.problems().get(3).where()).isEqualTo("parley.yml line 12");
    assertThat(error.problems().get(3).problem()).contains("is a Slack channel", "not a Slack user group id");
    assertThat(error.problems().get(4).problem()).contains("between 1m and 7d");
  }

  private ParleyConfig load(Path yaml) {
    return ParleyConfig.load(Map.of("GROQ_API_KEY", ParleyConfigTest.GROQ, "PARLEY_CONFIG", yaml.toString()));
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("parley.yml");
    Files.writeString(file, yaml);
    return file;
  }
}
