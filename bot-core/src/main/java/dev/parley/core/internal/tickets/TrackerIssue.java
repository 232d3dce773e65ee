package dev.parley.core.internal.tickets;

import java.util.Objects;

/**
 * An issue as a tracker reports it right now.
 *
 * @param externalId the tracker's id: GitHub {@code owner/name#12}, Jira {@code KEY-12}, the
 *     webhook receiver's id
 * @param url where people open it, or null when the tracker gave none
 * @param status the tracker's own word for its state, such as {@code open} or {@code In Progress}
 * @param open whether the tracker still counts it as unresolved
 * @param assignee who it is assigned to, or null
 */
public record TrackerIssue(String externalId, String url, String title, String status, boolean open,
    String assignee) {
  public TrackerIssue {
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(status, "status");
  }
}
