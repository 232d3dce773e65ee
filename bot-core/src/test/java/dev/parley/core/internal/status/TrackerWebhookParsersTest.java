package dev.parley.core.internal.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.parley.core.internal.status.TrackerChange.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three parsers on recorded payloads: what each change becomes, and what is nothing to post. */
class TrackerWebhookParsersTest {
  private final GitHubWebhookParser github = new GitHubWebhookParser();
  private final JiraWebhookParser jira = new JiraWebhookParser("parley@acme.example");
  private final GenericWebhookParser generic = new GenericWebhookParser();

  @Test
  void readsAGitHubClose() {
    List<TrackerChange> changes = github.parse("issues", "d-1", Payloads.bytes("github-issues-closed.json"));

    assertThat(changes).containsExactly(new TrackerChange("github", "acme/support#7", "d-1", Kind.CLOSED, "completed",
        "octocat", "https://github.com/acme/support/issues/7", "2026-11-30T09:12:40Z", false));
  }

  @Test
  void namesAGitHubIssueAsTheBackendRecordsItWhateverTheRepositorysCase() {
    byte[] body = new String(Payloads.bytes("github-issues-closed.json"), StandardCharsets.UTF_8)
        .replace("\"full_name\": \"acme/support\"", "\"full_name\": \"Acme/Support\"").getBytes(StandardCharsets.UTF_8);

    assertThat(new String(body, StandardCharsets.UTF_8)).contains("Acme/Support");
    assertThat(github.parse("issues", "d-1", body)).extracting(TrackerChange::externalId)
        .as("what GitHubIssues records for a GITHUB_REPO in any case").containsExactly("acme/support#7");
  }

  @Test
  void readsAGitHubReopenAndAssignment() {
    TrackerChange reopened = github.parse("issues", "d-2", Payloads.bytes("github-issues-reopened.json")).get(0);
    TrackerChange assigned = github.parse("issues", "d-3", Payloads.bytes("github-issues-assigned.json")).get(0);

    assertThat(reopened.kind()).isEqualTo(Kind.REOPENED);
    assertThat(assigned.kind()).isEqualTo(Kind.ASSIGNED);
    assertThat(assigned.detail()).as("the event's assignee, not the issue's first").isEqualTo("hubot");
  }

  @Test
  void readsAGitHubComment() {
    TrackerChange comment = github.parse("issue_comment", "d-4",
        Payloads.bytes("github-issue_comment-created.json")).get(0);

    assertThat(comment.kind()).isEqualTo(Kind.COMMENTED);
    assertThat(comment.detail()).startsWith("Found it: the SSO callback URL");
    assertThat(comment.changeId()).isEqualTo("2508842211");
    assertThat(comment.url()).isEqualTo("https://github.com/acme/support/issues/7#issuecomment-2508842211");
    assertThat(comment.byParley()).isFalse();
  }

  @Test
  void marksAGitHubCommentParleyWroteAsItsOwn() {
    TrackerChange own = github.parse("issue_comment", "d-5",
        Payloads.bytes("github-issue_comment-created-by-parley.json")).get(0);

    assertThat(own.byParley()).isTrue();
  }

  @Test
  void findsNothingToPostInOtherGitHubEvents() {
    assertThat(github.parse("ping", "d-6", Payloads.bytes("github-ping.json"))).isEmpty();
    assertThat(github.parse("issues", "d-7", Payloads.bytes("github-issues-labeled.json"))).isEmpty();
    assertThat(github.parse(null, null, "not even json".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void readsAJiraTransitionToADoneStatusAsAClose() {
    List<TrackerChange> changes = jira.parse("j-1", Payloads.bytes("jira-issue_updated-done.json"));

    assertThat(changes).containsExactly(new TrackerChange("jira", "SUP-12", "j-1", Kind.CLOSED, "Done", "Grace Hopper",
        "https://acme.atlassian.net/browse/SUP-12", "10081", false));
  }

  @Test
  void readsEveryChangeOfOneJiraUpdate() {
    List<TrackerChange> changes = jira.parse("j-2", Payloads.bytes("jira-issue_updated-assigned-in-progress.json"));

    assertThat(changes).extracting(TrackerChange::kind, TrackerChange::detail)
        .containsExactly(tuple(Kind.ASSIGNED, "Grace Hopper"),
            tuple(Kind.STATUS_CHANGED, "In Progress"));
    assertThat(changes.get(0).deliveryKey()).isNotEqualTo(changes.get(1).deliveryKey());
  }

  @Test
  void readsAJiraCommentOnceFromCommentCreatedOnly() {
    List<TrackerChange> created = jira.parse("j-3", Payloads.bytes("jira-comment_created.json"));
    List<TrackerChange> alsoSentAsUpdate = jira.parse("j-4", Payloads.bytes("jira-issue_updated-commented.json"));

    assertThat(created).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(Kind.COMMENTED);
      assertThat(c.changeId()).isEqualTo("10500");
      assertThat(c.actor()).isEqualTo("Grace Hopper");
    });
    assertThat(alsoSentAsUpdate).isEmpty();
  }

  @Test
  void marksAJiraCommentByParleysAccountAsItsOwn() {
    String body = new String(Payloads.bytes("jira-comment_created.json"), StandardCharsets.UTF_8)
        .replace("\"displayName\": \"Grace Hopper\",", "\"displayName\": \"Parley\", \"emailAddress\": \"Parley@acme.example\",");

    assertThat(jira.parse("j-5", body.getBytes(StandardCharsets.UTF_8)).get(0).byParley()).isTrue();
  }

  @Test
  void readsTheGenericBody() {
    byte[] body = """
        {"delivery_id": "g-1", "ticket": "HD-42", "event": "commented", "url": "https://helpdesk.example/t/42",
         "comment": {"id": "c-9", "author": "Ada", "body": "Fixed in 1.2"}}
        """.getBytes(StandardCharsets.UTF_8);

    assertThat(generic.parse(body)).containsExactly(new TrackerChange("webhook", "HD-42", "g-1", Kind.COMMENTED,
        "Fixed in 1.2", "Ada", "https://helpdesk.example/t/42", "c-9", false));
  }

  @Test
  void ignoresAGenericEventParleyDoesNotReadButRefusesAMissingField() {
    assertThat(generic.parse("{\"ticket\":\"HD-1\",\"event\":\"priority_changed\"}".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThatThrownBy(() -> generic.parse("{\"event\":\"closed\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedWebhookException.class).hasMessageContaining("ticket");
    assertThatThrownBy(() -> generic.parse("[1,2]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedWebhookException.class);
  }

  @Test
  void keysStayShortWhateverTheSenderSends() {
    String huge = "s".repeat(100_000);
    TrackerChange change = new TrackerChange("webhook", "HD-1", huge, Kind.STATUS_CHANGED, huge, "", "", huge, false);

    assertThat(change.changeKey()).hasSizeLessThan(100).startsWith("sha256:");
    assertThat(change.deliveryKey()).hasSizeLessThan(100);
    assertThat(change.changeKey()).isNotEqualTo(new TrackerChange("webhook", "HD-1", huge, Kind.STATUS_CHANGED,
        huge + "!", "", "", huge, false).changeKey());
  }

  @Test
  void keysAChangeTheSameWhicheverDeliveryBringsIt() {
    TrackerChange first = github.parse("issues", "d-1", Payloads.bytes("github-issues-closed.json")).get(0);
    TrackerChange viaOrgHook = github.parse("issues", "d-99", Payloads.bytes("github-issues-closed.json")).get(0);
    TrackerChange reopened = github.parse("issues", "d-2", Payloads.bytes("github-issues-reopened.json")).get(0);

    assertThat(viaOrgHook.changeKey()).isEqualTo(first.changeKey());
    assertThat(viaOrgHook.deliveryKey()).isNotEqualTo(first.deliveryKey());
    assertThat(reopened.changeKey()).isNotEqualTo(first.changeKey());
  }
}
