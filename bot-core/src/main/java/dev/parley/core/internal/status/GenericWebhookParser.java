package dev.parley.core.internal.status;

import static dev.parley.core.internal.status.WebhookJson.required;
import static dev.parley.core.internal.status.WebhookJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.internal.status.TrackerChange.Kind;
import java.util.List;

/**
 * Reads Parley's own inbound status body, for helpdesks behind the generic ticket webhook
 * (documented in docs/operations.md):
 *
 * <pre>{@code
 * {"delivery_id": "d-1", "ticket": "HD-42", "event": "closed", "status": "Resolved",
 *  "assignee": "Ada", "comment": {"id": "c-9", "author": "Ada", "body": "Fixed", "by_parley": false},
 *  "actor": "Ada", "url": "https://helpdesk.example/t/42", "occurred_at": "2026-11-30T09:00:00Z"}
 * }</pre>
 *
 * {@code ticket} and {@code event} are required; {@code event} is {@code closed},
 * {@code reopened}, {@code status_changed} (with {@code status}), {@code assigned} (with
 * {@code assignee}) or {@code commented} (with {@code comment.id} and {@code comment.body}). Any
 * other event is ignored, so a receiver may send more than Parley reads. Pure and thread-safe.
 */
public final class GenericWebhookParser {
  public static final String BACKEND = "webhook";

  /** @throws MalformedWebhookException when a field an event needs is missing */
  public List<TrackerChange> parse(byte[] body) {
    JsonNode root = WebhookJson.read(body);
    Kind kind = switch (text(root, "event")) {
      case "closed" -> Kind.CLOSED;
      case "reopened" -> Kind.REOPENED;
      case "status_changed" -> Kind.STATUS_CHANGED;
      case "assigned" -> Kind.ASSIGNED;
      case "commented" -> Kind.COMMENTED;
      default -> null;
    };
    if (kind == null) return List.of();
    String ticket = required(root, "ticket");
    String delivery = text(root, "delivery_id");
    String url = text(root, "url");
    String occurredAt = text(root, "occurred_at");
    String actor = text(root, "actor");
    return List.of(switch (kind) {
      case COMMENTED -> new TrackerChange(BACKEND, ticket, delivery, kind, required(root, "comment", "body"),
          text(root, "comment", "author"), url, required(root, "comment", "id"),
          root.path("comment").path("by_parley").asBoolean(false));
      case ASSIGNED -> new TrackerChange(BACKEND, ticket, delivery, kind, required(root, "assignee"), actor, url,
          occurredAt, false);
      case STATUS_CHANGED -> new TrackerChange(BACKEND, ticket, delivery, kind, required(root, "status"), actor, url,
          occurredAt, false);
      default -> new TrackerChange(BACKEND, ticket, delivery, kind, text(root, "status"), actor, url, occurredAt, false);
    });
  }
}
