package dev.parley.core.internal.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.status.TrackerChange.Kind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusMessageTest {
  private static final Ticket TICKET = new Ticket("SUP-3", "VPN drops", "", "high", "open", "U1", "Ada",
      new ConversationKey("slack", "T1", "C1", "1732791000.000100"), null, Instant.EPOCH);

  @Test
  void namesTheTicketTheChangeAndTheLink() {
    String text = StatusMessage.render(TICKET, change(Kind.CLOSED, "completed", "octocat"));

    assertThat(text).isEqualTo("Ticket SUP-3 (acme/support#7) was closed (completed) by octocat "
        + "https://github.com/acme/support/issues/7");
  }

  @Test
  void quotesACommentOnOneShortLine() {
    String text = StatusMessage.render(TICKET, change(Kind.COMMENTED, "line one\n\nline two " + "x".repeat(600), "Ada"));

    assertThat(text).contains("has a new comment by Ada: \u201Cline one line two x").doesNotContain("\n");
    assertThat(text.length()).isLessThan(StatusMessage.MAX_QUOTE + 150);
  }

  @Test
  void aCommentCanPingNobody() {
    String text = StatusMessage.render(TICKET, change(Kind.COMMENTED,
        "@here <!channel> <@U0123> <!subteam^S1> <@&123456> @everyone", "@channel"));

    assertThat(text).doesNotContain("@here", "<!channel", "<@U0123", "<!subteam", "<@&", "@everyone", "@channel");
    assertThat(text.replace("\u200D", "")).contains("@here <!channel> <@U0123>");
  }

  @Test
  void leavesOutALinkThatIsNotAPlainWebAddress() {
    for (String url : new String[] {"javascript:alert(1)", "https://x.example/<!here>", "https://" + "a".repeat(2001),
        "https://x.example/a b"}) {
      TrackerChange change = new TrackerChange("webhook", "HD-1", null, Kind.REOPENED, "", "", url, "", false);

      assertThat(StatusMessage.render(TICKET, change)).isEqualTo("Ticket SUP-3 (HD-1) was reopened");
    }
  }

  @Test
  void saysWhereAJiraIssueMoved() {
    assertThat(StatusMessage.render(TICKET, change(Kind.STATUS_CHANGED, "In Progress", "")))
        .startsWith("Ticket SUP-3 (acme/support#7) moved to In Progress https://");
    assertThat(StatusMessage.render(TICKET, change(Kind.ASSIGNED, "hubot", "octocat")))
        .contains("was assigned to hubot by octocat");
  }

  private static TrackerChange change(Kind kind, String detail, String actor) {
    return new TrackerChange("github", "acme/support#7", "d-1", kind, detail, actor,
        "https://github.com/acme/support/issues/7", "c1", false);
  }
}
