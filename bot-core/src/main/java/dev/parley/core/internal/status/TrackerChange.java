package dev.parley.core.internal.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One change to a tracker's issue that a status webhook reported, in the tracker's own words
 * reduced to what a thread needs: which issue, what changed, to what, by whom, and where to look.
 *
 * @param backend {@code github}, {@code jira} or {@code webhook}, as in
 *     {@link dev.parley.core.internal.tickets.TicketOrigins}
 * @param externalId the tracker's id of the issue: GitHub {@code owner/name#12}, Jira
 *     {@code KEY-12}, the generic receiver's own id
 * @param deliveryId the tracker's id of this delivery, the same on a redelivery (GitHub's
 *     {@code X-GitHub-Delivery}, Jira's {@code X-Atlassian-Webhook-Identifier}); null when the
 *     sender gave none
 * @param kind what happened
 * @param detail the new status's name, the assignee's name, or the comment's text; may be empty
 * @param actor who did it, as the tracker names them; may be empty
 * @param url a link to the issue or the comment; may be empty
 * @param changeId what tells this change apart from an identical one later (a comment's id,
 *     Jira's changelog id, the time GitHub recorded): redeliveries of one change share it
 * @param byParley whether Parley itself made the change (a comment it wrote), so it is not echoed
 */
public record TrackerChange(
    String backend,
    String externalId,
    String deliveryId,
    Kind kind,
    String detail,
    String actor,
    String url,
    String changeId,
    boolean byParley) {

  private static final int MAX_KEY_CHARS = 200;

  /** What happened to the issue. */
  public enum Kind {
    CLOSED("closed"),
    REOPENED("reopened"),
    STATUS_CHANGED("status"),
    ASSIGNED("assigned"),
    COMMENTED("commented");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** A short, stable name, used in keys and logs. */
    public String label() {
      return label;
    }
  }

  public TrackerChange {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(kind, "kind");
    if (externalId == null || externalId.isBlank() || externalId.length() > 200
        || externalId.chars().anyMatch(c -> c == '{' || c == '}' || Character.isISOControl(c))) {
      throw new IllegalArgumentException("the issue id must be 1 to 200 characters without braces or controls");
    }
    detail = detail == null ? "" : detail;
    actor = actor == null ? "" : actor;
    url = url == null ? "" : url;
    changeId = changeId == null ? "" : changeId;
  }

  /**
   * The change itself, whichever delivery brought it: the same issue, event, new state and change
   * id. Two hooks on one repository, or a redelivery, yield the same key.
   */
  public String changeKey() {
    String state = kind == Kind.COMMENTED ? "" : detail;
    return bounded(kind.label() + ":" + state + ":" + changeId);
  }

  /** This delivery's part of the change; one Jira delivery may carry a status and an assignee. */
  public String deliveryKey() {
    return deliveryId == null || deliveryId.isBlank() ? null : bounded(deliveryId + ":" + kind.label());
  }

  /** Keys are stored in Redis: a sender's long status name or id becomes its SHA-256 instead. */
  private static String bounded(String key) {
    if (key.length() <= MAX_KEY_CHARS) return key;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }
}
