package dev.parley.core.internal.tickets.trackers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.internal.tickets.TicketBackendException;
import dev.parley.core.internal.tickets.TrackerIssue;
import dev.parley.core.testing.trackers.FakeGitHub;
import dev.parley.core.testing.trackers.TestClock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitHubIssuesTest {
  private final TestClock clock = new TestClock();
  private final FakeGitHub github = new FakeGitHub("acme/support", clock);
  private final GitHubIssues issues = backend(FakeGitHub.TOKEN);

  private GitHubIssues backend(String token) {
    return new GitHubIssues(github.apiUrl(), token, "acme/support", new OkHttpClient(), clock);
  }

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void createsAnIssueWithPriorityLabelsTheThreadLinkAndAHiddenMarker() {
    TrackerIssue issue = issues.create(TrackerTickets.printerBroken(), "abc123");

    assertThat(issue.externalId()).isEqualTo("acme/support#1");
    assertThat(issue.url()).isEqualTo("https://github.com/acme/support/issues/1");
    assertThat(issue.open()).isTrue();
    ObjectNode stored = github.issues().get(0);
    assertThat(stored.get("title").asText()).isEqualTo("Printer on 3 is broken");
    assertThat(stored.get("labels").findValuesAsText("name")).containsExactly("parley", "priority: high");
    assertThat(stored.get("body").asText())
        .contains("It prints only lorem.")
        .contains("[The whole thread](https://acme.slack.com/archives/C1/p12345?thread_ts=123.45)")
        .contains("SUP-7").endsWith("<!-- parley:abc123 -->")
        .doesNotContain("@ops-team");
  }

  @Test
  void findsAnIssueItCreatedByItsMarkerAndNothingForAnotherMarker() {
    Instant before = clock.instant();
    issues.create(TrackerTickets.printerBroken(), "other");
    issues.create(TrackerTickets.printerBroken(), "abc123");

    assertThat(issues.findCreated("abc123", before)).get().extracting(TrackerIssue::externalId).isEqualTo("acme/support#2");
    assertThat(issues.findCreated("missing", before)).isEmpty();
  }

  @Test
  void readsTheLiveStateAndAssignee() {
    issues.create(TrackerTickets.printerBroken(), "abc123");
    github.close(1, "grace");

    TrackerIssue live = issues.read("acme/support#1").orElseThrow();

    assertThat(live.status()).isEqualTo("closed");
    assertThat(live.open()).isFalse();
    assertThat(live.assignee()).isEqualTo("grace");
    assertThat(issues.read("acme/support#99")).isEmpty();
  }

  @Test
  void recordsTheRepositoryInLowerCaseAsGitHubsWebhooksCanBeMatchedWhateverCaseItWasConfiguredIn() {
    GitHubIssues configuredInCapitals = new GitHubIssues(github.apiUrl(), FakeGitHub.TOKEN, "Acme/Support",
        new OkHttpClient(), clock);

    TrackerIssue created = configuredInCapitals.create(TrackerTickets.printerBroken(), "abc123");

    assertThat(created.externalId()).isEqualTo("acme/support#1");
    assertThat(configuredInCapitals.read(created.externalId())).get().extracting(TrackerIssue::externalId)
        .isEqualTo("acme/support#1");
  }

  @Test
  void aUsedUpPrimaryLimitWaitsForTheResetWithoutCallingGitHubAgain() {
    github.usePrimaryLimitUntil(clock.instant().plusSeconds(120));

    assertThatThrownBy(() -> issues.create(TrackerTickets.printerBroken(), "abc123"))
        .isInstanceOfSatisfying(TicketBackendException.class, e -> {
          assertThat(e.retriable()).isTrue();
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
          assertThat(e.notice()).contains("rate limit").contains("120 seconds");
        });
    int calls = github.requests();
    clock.advance(Duration.ofSeconds(60));
    assertThatThrownBy(() -> issues.create(TrackerTickets.printerBroken(), "abc123"))
        .isInstanceOfSatisfying(TicketBackendException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(60)));
    assertThat(github.requests()).isEqualTo(calls);
    clock.advance(Duration.ofSeconds(61));
    assertThat(issues.create(TrackerTickets.printerBroken(), "abc123").externalId()).isEqualTo("acme/support#1");
  }

  @Test
  void aSecondaryLimitWaitsTheRetryAfterItAskedFor() {
    github.secondaryLimitFor(42);

    assertThatThrownBy(() -> issues.create(TrackerTickets.printerBroken(), "abc123"))
        .isInstanceOfSatisfying(TicketBackendException.class, e -> {
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
          assertThat(e.getMessage()).contains("secondary");
        });
    assertThat(github.issues()).isEmpty();
  }

  @Test
  void aBadTokenIsARefusalThatNamesNoSecret() {
    assertThatThrownBy(() -> backend("ghp_wrong").create(TrackerTickets.printerBroken(), "abc123"))
        .isInstanceOfSatisfying(TicketBackendException.class, e -> {
          assertThat(e.retriable()).isFalse();
          assertThat(e.getMessage()).contains("Bad credentials").doesNotContain("ghp_");
        });
  }

  @ParameterizedTest
  @CsvSource({
      "404, Not Found, has no repository acme/support",
      "410, Issues are disabled for this repo, Issues are turned off",
      "422, Validation Failed, rejected the issue: Validation Failed",
      "502, Server Error, GitHub failed (HTTP 502)"})
  void errorsBecomeFailuresTheModelCanExplain(int code, String message, String expected) {
    github.failNext(code, message);

    assertThatThrownBy(() -> issues.create(TrackerTickets.printerBroken(), "abc123"))
        .isInstanceOfSatisfying(TicketBackendException.class, e -> {
          assertThat(e.getMessage()).contains(expected);
          assertThat(e.retriable()).isEqualTo(code >= 500);
        });
  }
}
