package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inbound status webhook secrets: read, checked, and never shown. */
class StatusWebhookConfigTest {
  private static final String GROQ = ParleyConfigTest.GROQ;
  private static final String GITHUB_SECRET = "gh-5f1c0b7e9a2d4c6e8f0a1b3c";
  private static final String JIRA_SECRET = "jira-9d8c7b6a5f4e3d2c1b0a";

  @Test
  void theSecretsAreReadAndRedactedInTheConfigsLogForm() {
    ParleyConfig config = ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ, "GITHUB_WEBHOOK_SECRET", GITHUB_SECRET,
        "JIRA_WEBHOOK_SECRET", JIRA_SECRET, "JIRA_EMAIL", "parley@acme.example"));

    assertThat(config.statusWebhooks().githubSecret()).isEqualTo(GITHUB_SECRET);
    assertThat(config.statusWebhooks().jiraSecret()).isEqualTo(JIRA_SECRET);
    assertThat(config.statusWebhooks().genericSecret()).isNull();
    assertThat(config.statusWebhooks().jiraEmail()).isEqualTo("parley@acme.example");
    assertThat(config.toString()).doesNotContain(GITHUB_SECRET, JIRA_SECRET).contains("generic=(off)");
  }

  @Test
  void theEndpointsAreOffUnlessTheirSecretIsSet() {
    ParleyConfig config = ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ));

    assertThat(config.statusWebhooks()).isEqualTo(ParleyConfig.StatusWebhooks.OFF);
  }

  @Test
  void aShortSecretIsAProblemThatNamesItsFixButNotItsValue() {
    assertThatThrownBy(() -> ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ, "TICKET_WEBHOOK_SECRET", "hunter2")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("TICKET_WEBHOOK_SECRET").hasMessageContaining("openssl rand")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void theSecretsAreSecretSettingsInTheHelp() {
    assertThat(Setting.GITHUB_WEBHOOK_SECRET.secret()).isTrue();
    assertThat(Setting.JIRA_WEBHOOK_SECRET.secret()).isTrue();
    assertThat(Setting.TICKET_WEBHOOK_SECRET.secret()).isTrue();
    assertThat(HelpText.render()).contains("GITHUB_WEBHOOK_SECRET  (secret)", "JIRA_WEBHOOK_SECRET  (secret)",
        "/webhooks/github");
  }
}
