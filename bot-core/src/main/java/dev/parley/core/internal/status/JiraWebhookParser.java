package dev.parley.core.internal.status;

import static dev.parley.core.internal.status.WebhookJson.required;
import static dev.parley.core.internal.status.WebhookJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.internal.status.TrackerChange.Kind;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Jira Cloud's {@code jira:issue_updated} and {@code comment_created} webhooks
 * (developer.atlassian.com, "Webhooks"). An update's {@code changelog.items} says what changed:
 * a {@code status} item becomes a status change (a close when the status category is now
 * {@code done}), an {@code assignee} item an assignment. Jira also sends {@code issue_updated}
 * for a new comment, with a {@code comment} but no such items, so a comment is posted once, from
 * {@code comment_created}. The issue is its key, such as {@code SUP-12}. Pure and thread-safe.
 */
public final class JiraWebhookParser {
  public static final String BACKEND = "jira";

  private final String ownEmail;

  /**
   * @param ownEmail the email of the account Parley's Jira backend writes with
   *     ({@code JIRA_EMAIL}), so its own comments are not posted back; null when unknown. Jira
   *     shows an author's email only where their privacy settings allow it.
   */
  public JiraWebhookParser(String ownEmail) {
    this.ownEmail = ownEmail == null || ownEmail.isBlank() ? null : ownEmail.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * @param deliveryId the {@code X-Atlassian-Webhook-Identifier} header, the same on retries; or null
   * @throws MalformedWebhookException when an event Parley reads lacks what Jira always sends
   */
  public List<TrackerChange> parse(String deliveryId, byte[] body) {
    JsonNode root = WebhookJson.read(body);
    return switch (text(root, "webhookEvent")) {
      case "jira:issue_updated" -> updates(root, deliveryId);
      case "comment_created" -> List.of(comment(root, deliveryId));
      default -> List.of();
    };
  }

  private List<TrackerChange> updates(JsonNode root, String deliveryId) {
    String key = required(root, "issue", "key");
    String url = browseUrl(root, key);
    String actor = text(root, "user", "displayName");
    String changelogId = text(root, "changelog", "id");
    boolean done = "done".equals(text(root, "issue", "fields", "status", "statusCategory", "key"));
    List<TrackerChange> changes = new ArrayList<>();
    for (JsonNode item : root.path("changelog").path("items")) {
      String field = text(item, "field");
      if (field.equals("status")) {
        changes.add(new TrackerChange(BACKEND, key, deliveryId, done ? Kind.CLOSED : Kind.STATUS_CHANGED,
            text(item, "toString"), actor, url, changelogId, false));
      } else if (field.equals("assignee") && !text(item, "to").isEmpty()) {
        changes.add(new TrackerChange(BACKEND, key, deliveryId, Kind.ASSIGNED, text(item, "toString"), actor, url,
            changelogId, false));
      }
    }
    return changes;
  }

  private TrackerChange comment(JsonNode root, String deliveryId) {
    String key = required(root, "issue", "key");
    String author = text(root, "comment", "author", "emailAddress").toLowerCase(Locale.ROOT);
    boolean own = ownEmail != null && ownEmail.equals(author);
    return new TrackerChange(BACKEND, key, deliveryId, Kind.COMMENTED, text(root, "comment", "body"),
        text(root, "comment", "author", "displayName"), browseUrl(root, key), required(root, "comment", "id"), own);
  }

  /**
   * Jira's payload links the REST resource ({@code issue.self}); people want the issue page,
   * {@code https://site.atlassian.net/browse/KEY-1}, on the same host.
   */
  private static String browseUrl(JsonNode root, String key) {
    try {
      URI self = URI.create(text(root, "issue", "self"));
      if (self.getScheme() == null || self.getHost() == null) return "";
      String port = self.getPort() < 0 ? "" : ":" + self.getPort();
      return self.getScheme() + "://" + self.getHost() + port + "/browse/" + key;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
