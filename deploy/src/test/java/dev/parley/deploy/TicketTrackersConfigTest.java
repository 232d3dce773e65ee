package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where tickets go: {@code PARLEY_TICKETS} and the trackers' settings, overridden per channel in the YAML. */
class TicketTrackersConfigTest {
  private static final String GITHUB_TOKEN = "ghp_secret0123456789";
  private static final String JIRA_TOKEN = "ATATT3xSecretJiraToken";
  @TempDir Path dir;

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>(Map.of("GROQ_API_KEY", ParleyConfigTest.GROQ));
    for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
    return env;
  }

  private static ConversationKey in(String channel) {
    return new ConversationKey("slack", "T1", channel, "1.2");
  }

  @Test
  void ticketsStayEmbeddedByDefault() {
    ParleyConfig config = ParleyConfig.load(env());

    assertThat(config.tickets().trackerFor(in("C1"))).isInstanceOf(TicketRoutes.Embedded.class);
    assertThat(config.tickets().anyTracker()).isFalse();
  }

  @Test
  void theEnvironmentChoosesGitHubAndNoStringShowsTheToken() {
    ParleyConfig config = ParleyConfig.load(env("PARLEY_TICKETS", "github", "GITHUB_TOKEN", GITHUB_TOKEN,
        "GITHUB_REPO", "acme/support"));

    TicketRoutes.Tracker tracker = config.tickets().trackerFor(in("C1"));
    assertThat(tracker).isEqualTo(new TicketRoutes.GitHub(java.net.URI.create("https://api.github.com"), "acme/support",
        GITHUB_TOKEN));
    assertThat(tracker.toString()).doesNotContain("secret0123").contains("ghp_...(redacted)");
    assertThat(config.toString()).doesNotContain("secret0123");
    assertThat(config.tickets().summary().toString()).doesNotContain("secret0123");
  }

  @Test
  void aTrackerWithoutItsSettingsIsReportedUnderEachSettingsName() {
    InvalidConfigException error = ParleyConfigTest.catchInvalid(env("PARLEY_TICKETS", "jira", "JIRA_URL", "not a url",
        "JIRA_EMAIL", "bot@acme.test"));

    assertThat(error.problems()).extracting(ConfigProblem::where)
        .containsExactlyInAnyOrder("JIRA_URL", "JIRA_API_TOKEN", "JIRA_PROJECT");
    assertThat(error.getMessage()).doesNotContain("ATATT");
  }

  @Test
  void anUnknownBackendGetsASuggestion() {
    InvalidConfigException error = ParleyConfigTest.catchInvalid(env("PARLEY_TICKETS", "gitub"));

    assertThat(error.problems()).singleElement().satisfies(p -> {
      assertThat(p.where()).isEqualTo("PARLEY_TICKETS");
      assertThat(p.problem()).contains("did you mean 'github'?");
    });
  }

  @Test
  void aChannelOverridesFieldByFieldAndNamesItsSecretByItsVariable() throws IOException {
    Path yaml = write("""
        defaults:
          tickets:
            backend: github
            github_repo: acme/support
        channels:
          C2:
            tickets:
              github_repo: acme/payments
          "slack:T1:C3":
            tickets:
              backend: jira
              jira_url: https://acme.atlassian.net
              jira_email: bot@acme.test
              jira_api_token_env: JIRA_TOKEN_OPS
              jira_project: OPS
          C4:
            tickets:
              backend: embedded
        """);

    ParleyConfig config = ParleyConfig.load(env("PARLEY_CONFIG", yaml.toString(), "GITHUB_TOKEN", GITHUB_TOKEN,
        "JIRA_TOKEN_OPS", JIRA_TOKEN));

    assertThat(config.tickets().trackerFor(in("C1"))).isEqualTo(new TicketRoutes.GitHub(
        java.net.URI.create("https://api.github.com"), "acme/support", GITHUB_TOKEN));
    assertThat(config.tickets().trackerFor(in("C2"))).extracting(t -> ((TicketRoutes.GitHub) t).repo())
        .isEqualTo("acme/payments");
    assertThat(config.tickets().trackerFor(in("C3"))).isEqualTo(new TicketRoutes.Jira(
        java.net.URI.create("https://acme.atlassian.net"), "bot@acme.test", JIRA_TOKEN, "OPS", "Task"));
    assertThat(config.tickets().trackerFor(in("C4"))).isInstanceOf(TicketRoutes.Embedded.class);
  }

  @Test
  void aSecretWrittenInTheFileOrAMissingVariableIsRefusedWithItsLine() throws IOException {
    Path yaml = write("""
        channels:
          C2:
            tickets:
              backend: webhook
              webhook_url: https://helpdesk.acme.test/parley
              webhook_secret: this-should-never-be-here
          C3:
            tickets:
              backend: webhook
              webhook_url: https://helpdesk.acme.test/parley
              webhook_secret_env: NOT_SET_ANYWHERE
          C4:
            tickets:
              backend: github
              github_rep: acme/x
        """);

    InvalidConfigException error = ParleyConfigTest.catchInvalid(env("PARLEY_CONFIG", yaml.toString()));

    assertThat(error.problems()).extracting(ConfigProblem::where)
        .containsExactly("parley.yml line 4", "parley.yml line 9", "parley.yml line 14");
    assertThat(error.problems().get(0).problem()).contains("would put a secret in the file");
    assertThat(error.problems().get(0).fix()).contains("webhook_secret_env");
    assertThat(error.problems().get(1).problem()).contains("'NOT_SET_ANYWHERE', which is not set");
    assertThat(error.problems().get(2).problem()).contains("did you mean 'github_repo'?");
    assertThat(error.getMessage()).doesNotContain("this-should-never-be-here");
  }

  @Test
  void everyTrackerSecretIsASecretSetting() {
    assertThat(Setting.GITHUB_TOKEN.secret()).isTrue();
    assertThat(Setting.JIRA_API_TOKEN.secret()).isTrue();
    assertThat(Setting.TICKET_WEBHOOK_SECRET.secret()).isTrue();
    assertThat(HelpText.render()).contains("GITHUB_TOKEN  (secret)").contains("default: embedded");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("parley.yml");
    Files.writeString(file, yaml);
    return file;
  }
}
