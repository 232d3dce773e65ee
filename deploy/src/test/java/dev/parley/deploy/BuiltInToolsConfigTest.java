package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code built_in_tools} in the channel file: per channel, checked, and none unless named. */
class BuiltInToolsConfigTest {
  @TempDir Path dir;

  @Test
  void aChannelAllowsTheBuiltInToolsItNamesAndOthersAllowNone() throws IOException {
    Path yaml = write("""
        channels:
          "discord:123456:789012":
            model: openai/gpt-oss-120b
            built_in_tools: [browser_search, code_interpreter]
          C2:
            model: groq/compound
          C3:
            built_in_tools: []
        """);

    ParleyConfig config = ParleyConfig.load(Map.of("GROQ_API_KEY", ParleyConfigTest.GROQ, "PARLEY_CONFIG", yaml.toString()));

    ChannelSettings search = config.channels().settingsFor(new ConversationKey("discord", "123456", "789012", "789012"));
    assertThat(search.model()).isEqualTo("openai/gpt-oss-120b");
    assertThat(search.builtInTools()).containsExactlyInAnyOrder("browser_search", "code_interpreter");
    ChannelSettings compound = config.channels().settingsFor(new ConversationKey("slack", "T1", "C2", "1.2"));
    assertThat(compound.model()).isEqualTo("groq/compound");
    assertThat(compound.builtInTools()).isEmpty();
    assertThat(config.channels().settingsFor(new ConversationKey("slack", "T1", "C3", "1.2")).builtInTools()).isEmpty();
    assertThat(config.channels().settingsFor(new ConversationKey("slack", "T1", "C9", "1.2")).builtInTools()).isEmpty();
  }

  @Test
  void anUnknownBuiltInToolIsReportedWithItsLineAndAFix() throws IOException {
    Path yaml = write("""
        defaults:
          built_in_tools: [browser_serach]
        """);

    InvalidConfigException error = ParleyConfigTest.catchInvalid(
        Map.of("GROQ_API_KEY", ParleyConfigTest.GROQ, "PARLEY_CONFIG", yaml.toString()));

    assertThat(error.problems()).singleElement().satisfies(p -> {
      assertThat(p.where()).isEqualTo("parley.yml line 2");
      assertThat(p.problem()).contains("unknown built-in tool 'browser_serach', did you mean 'browser_search'?");
      assertThat(p.fix()).contains("browser_search, code_interpreter");
    });
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("parley.yml");
    Files.writeString(file, yaml);
    return file;
  }
}
