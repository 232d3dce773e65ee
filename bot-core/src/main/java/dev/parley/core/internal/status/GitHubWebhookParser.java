package dev.parley.core.internal.status;

import static dev.parley.core.internal.status.WebhookJson.required;
import static dev.parley.core.internal.status.WebhookJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.internal.status.TrackerChange.Kind;
import dev.parley.core.internal.tickets.trackers.GitHubIssues;
import java.util.List;

/**
 * Reads GitHub's {@code issues} and {@code issue_comment} webhooks (docs.github.com, "Webhook
 * events and payloads"): {@code action} {@code closed}, {@code reopened}, {@code assigned} and
 * {@code created}; everything else, {@code ping} included, is nothing to post. The issue is
 * {@code repository.full_name + "#" + issue.number} in the form Parley's GitHub backend records
 * ({@link GitHubIssues#externalId}, owner and name in lower case).
 * Pure and thread-safe.
 */
public final class GitHubWebhookParser {
  public static final String BACKEND = "github";
  /**
   * What Parley puts in a comment it writes: an HTML comment, which GitHub does not render. A
   * comment carrying any {@code <!-- parley} marker (also the {@code <!-- parley:<key> -->} form
   * the GitHub backend ends issue bodies with) is Parley's own, and is not posted back into the
   * thread it came from.
   */
  public static final String OWN_MARKER = "<!-- parley -->";
  private static final String OWN_MARKER_START = "<!-- parley";

  /**
   * @param event the {@code X-GitHub-Event} header
   * @param deliveryId the {@code X-GitHub-Delivery} header, or null
   * @throws MalformedWebhookException when an event Parley reads lacks what GitHub always sends
   */
  public List<TrackerChange> parse(String event, String deliveryId, byte[] body) {
    if (!"issues".equals(event) && !"issue_comment".equals(event)) return List.of();
    JsonNode root = WebhookJson.read(body);
    String action = text(root, "action");
    Kind kind = switch (event + "/" + action) {
      case "issues/closed" -> Kind.CLOSED;
      case "issues/reopened" -> Kind.REOPENED;
      case "issues/assigned" -> Kind.ASSIGNED;
      case "issue_comment/created" -> Kind.COMMENTED;
      default -> null;
    };
    if (kind == null) return List.of();
    String externalId = GitHubIssues.externalId(required(root, "repository", "full_name"),
        required(root, "issue", "number"));
    String actor = text(root, "sender", "login");
    return List.of(switch (kind) {
      case COMMENTED -> {
        String comment = text(root, "comment", "body");
        yield new TrackerChange(BACKEND, externalId, deliveryId, kind, comment, text(root, "comment", "user", "login"),
            text(root, "comment", "html_url"), required(root, "comment", "id"), comment.contains(OWN_MARKER_START));
      }
      // The assignee of this event, not issue.assignee: with several assignees that is only the first.
      case ASSIGNED -> new TrackerChange(BACKEND, externalId, deliveryId, kind, required(root, "assignee", "login"),
          actor, text(root, "issue", "html_url"), text(root, "issue", "updated_at"), false);
      case CLOSED -> new TrackerChange(BACKEND, externalId, deliveryId, kind, closedAs(root), actor,
          text(root, "issue", "html_url"), text(root, "issue", "closed_at"), false);
      default -> new TrackerChange(BACKEND, externalId, deliveryId, kind, "open", actor,
          text(root, "issue", "html_url"), text(root, "issue", "updated_at"), false);
    });
  }

  /** {@code issue.state_reason}: {@code completed}, {@code not_planned} or {@code duplicate}. */
  private static String closedAs(JsonNode root) {
    String reason = text(root, "issue", "state_reason");
    return reason.isEmpty() ? "closed" : reason.replace('_', ' ');
  }
}
