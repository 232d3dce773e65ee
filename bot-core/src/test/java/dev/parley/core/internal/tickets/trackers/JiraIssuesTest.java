package dev.parley.core.internal.tickets.trackers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.internal.tickets.TicketBackendException;
import dev.parley.core.internal.tickets.TrackerIssue;
import dev.parley.core.testing.trackers.FakeJira;
import dev.parley.core.testing.trackers.TestClock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JiraIssuesTest {
  private final TestClock clock = new TestClock();
  private final FakeJira jira = new FakeJira("SUP");
  private final JiraIssues issues = backend("SUP", "Task", FakeJira.API_TOKEN);

  private JiraIssues backend(String project, String type, String token) {
    return new JiraIssues(jira.siteUrl(), FakeJira.EMAIL, token, project, type, new OkHttpClient(), clock);
  }

  @AfterEach
  void stop() {
    jira.close();
  }

  @Test
  void createsAnIssueWithAnAtlassianDocumentDescriptionAndMarkerLabel() {
    TrackerIssue issue = issues.create(TrackerTickets.printerBroken(), "abc123");

    assertThat(issue.externalId()).isEqualTo("SUP-1");
    assertThat(issue.url()).isEqualTo(jira.siteUrl() + "browse/SUP-1");
    JsonNode fields = jira.issues().get(0).get("fields");
    assertThat(fields.get("labels").toString()).isEqualTo("[\"parley\",\"parley-priority-high\",\"parley-abc123\"]");
    JsonNode doc = fields.get("description");
    assertThat(doc.get("type").asText()).isEqualTo("doc");
    assertThat(doc.toString()).contains("It prints only lorem.")
        .contains("{\"type\":\"link\",\"attrs\":{\"href\":\"https://acme.slack.com/archives/C1/p12345?thread_ts=123.45\"}}")
        .doesNotContain("\"text\":\"\"");
  }

  @Test
  void findsAnIssueByItsMarkerLabelAndReadsItsLiveState() {
    issues.create(TrackerTickets.printerBroken(), "abc123");
    jira.resolve("SUP-1", "Grace Hopper");

    assertThat(issues.findCreated("abc123", clock.instant())).get().extracting(TrackerIssue::externalId).isEqualTo("SUP-1");
    assertThat(issues.findCreated("zzz", clock.instant())).isEmpty();
    TrackerIssue live = issues.read("SUP-1").orElseThrow();
    assertThat(live.status()).isEqualTo("Done");
    assertThat(live.open()).isFalse();
    assertThat(live.assignee()).isEqualTo("Grace Hopper");
    assertThat(issues.read("SUP-404")).isEmpty();
  }

  @Test
  void a429WaitsItsRetryAfterWithoutCallingJiraMeanwhile() {
    jira.rateLimitNext(17);

    assertThatThrownBy(() -> issues.create(TrackerTickets.printerBroken(), "abc123"))
        .isInstanceOfSatisfying(TicketBackendException.class, e -> {
          assertThat(e.retriable()).isTrue();
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
        });
    int calls = jira.requests();
    assertThatThrownBy(() -> issues.read("SUP-1")).isInstanceOf(TicketBackendException.class);
    assertThat(jira.requests()).isEqualTo(calls);
    clock.advance(Duration.ofSeconds(18));
    assertThat(issues.create(TrackerTickets.printerBroken(), "abc123").externalId()).isEqualTo("SUP-1");
  }

  @Test
  void jirasFieldErrorsReachTheMessage() {
    assertThatThrownBy(() -> backend("NOPE", "Epicish", FakeJira.API_TOKEN).create(TrackerTickets.printerBroken(), "a"))
        .isInstanceOfSatisfying(TicketBackendException.class, e -> {
          assertThat(e.retriable()).isFalse();
          assertThat(e.getMessage()).contains("project: valid project is required")
              .contains("issuetype: Specify a valid issue type");
        });
  }

  @Test
  void aWrongApiTokenIsARefusalThatNamesNoSecret() {
    assertThatThrownBy(() -> backend("SUP", "Task", "ATATT-wrong").create(TrackerTickets.printerBroken(), "a"))
        .isInstanceOfSatisfying(TicketBackendException.class, e -> assertThat(e.getMessage())
            .isEqualTo("Jira rejected Parley's email and API token."));
  }
}
