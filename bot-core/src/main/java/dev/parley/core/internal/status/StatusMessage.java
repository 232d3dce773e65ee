package dev.parley.core.internal.status;

import dev.parley.core.api.Ticket;
import dev.parley.core.api.reply.DisplayText;
import java.util.regex.Pattern;

/**
 * The one short line a status change becomes in its thread: the ticket, the change, and the link,
 * such as {@code Ticket SUP-12 (owner/repo#7) was closed by octocat: https://…}. A comment is
 * quoted, cut to {@link #MAX_QUOTE} characters on one line, with every mention syntax broken so
 * it pings nobody on Slack or Discord even before the adapter neutralises it again. Pure.
 */
public final class StatusMessage {
  /** Enough of a comment to know what it says; the link has the rest. */
  public static final int MAX_QUOTE = 280;
  private static final String ZWJ = "\u200D";
  /** Slack's {@code <@U1>}, {@code <!here>}, {@code <#C1>}; Discord's {@code <@1>}, {@code <@&1>}, {@code <#1>}. */
  private static final Pattern CONTROL = Pattern.compile("<(?=[!@#])");
  /** Any bare {@code @word}: {@code @here}, {@code @everyone}, a Discord {@code @name}. */
  private static final Pattern AT = Pattern.compile("@(?=\\S)");
  private static final Pattern SPACE = Pattern.compile("\\s+");
  /**
   * A link worth showing: http(s), of a sane length, and nothing a chat platform would read as
   * markup. Anything else (a generic receiver may send what it likes) is left out.
   */
  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>|`]{1,2000}");

  private StatusMessage() {}

  public static String render(Ticket ticket, TrackerChange change) {
    String who = change.actor().isBlank() ? "" : " by " + plain(change.actor(), 60);
    String what = switch (change.kind()) {
      case CLOSED -> "was closed" + (change.detail().isBlank() || change.detail().equals("closed") ? ""
          : " (" + plain(change.detail(), 60) + ")") + who;
      case REOPENED -> "was reopened" + who;
      case STATUS_CHANGED -> "moved to " + plain(change.detail(), 60) + who;
      case ASSIGNED -> "was assigned to " + plain(change.detail(), 60) + who;
      case COMMENTED -> "has a new comment" + who + ": \u201C" + plain(change.detail(), MAX_QUOTE) + "\u201D";
    };
    String link = LINK.matcher(change.url()).matches() ? " " + change.url() : "";
    return "Ticket " + ticket.id() + " (" + change.externalId() + ") " + what + link;
  }

  /** One line, at most {@code max} characters, that can ping nobody. */
  static String plain(String text, int max) {
    String line = SPACE.matcher(DisplayText.clean(text)).replaceAll(" ").strip();
    String cut = DisplayText.cut(line, max);
    String out = CONTROL.matcher(cut).replaceAll("<" + ZWJ);
    return AT.matcher(out).replaceAll("@" + ZWJ);
  }
}
