package dev.parley.core.internal.tickets.trackers;

import dev.parley.core.api.Ticket;

/**
 * What a tracker's issue says besides the title: the summary the model or the person wrote, a link
 * to the whole thread it came from, who asked, and Parley's own id. Shared by every backend, so a
 * ticket reads alike in GitHub, Jira and a helpdesk.
 */
final class IssueText {
  private IssueText() {}

  /** The lines after the summary. */
  static String origin(Ticket ticket) {
    String who = ticket.reporterName() == null ? ticket.reporterId() : ticket.reporterName();
    return "Filed by Parley (" + ticket.id() + ", priority " + ticket.priority() + ") for " + who + " on "
        + ticket.conversation().platform() + ".";
  }

  /** One line, as Jira's summary must be and GitHub's title should be. */
  static String title(Ticket ticket) {
    return ticket.title().replaceAll("\\s+", " ").strip();
  }
}
