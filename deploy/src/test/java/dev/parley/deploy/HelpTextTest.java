package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelpTextTest {

  @Test
  void listsEverySettingWithItsDefaultAndMarksSecrets() {
    String help = HelpText.render();

    for (Setting setting : Setting.values()) {
      assertThat(help).contains(setting.name(), setting.description());
      setting.defaultValue().filter(d -> !d.isEmpty()).ifPresent(d -> assertThat(help).contains("default: " + d));
    }
    assertThat(help).contains("SLACK_BOT_TOKEN  (secret)", "GROQ_API_KEY  (secret)");
  }
}
