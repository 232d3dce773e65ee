package dev.parley.core.internal.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.tickets.trackers.GitHubIssues;
import dev.parley.core.internal.tickets.trackers.JiraIssues;
import dev.parley.core.internal.tools.ToolContext;
import dev.parley.core.internal.tools.ToolRefusedException;
import dev.parley.core.internal.tools.TurnUsage;
import dev.parley.core.testing.trackers.FakeGitHub;
import dev.parley.core.testing.trackers.FakeJira;
import dev.parley.core.testing.trackers.TestClock;
import java.time.Clock;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code create_ticket} and {@code lookup_ticket} with a tracker behind the store. */
class TicketToolsWithTrackersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConversationKey THREAD = new ConversationKey("slack", "T1", "C1", "123.45");
  private static final ConversationKey OTHER_THREAD = new ConversationKey("slack", "T1", "C1", "999.99");
  private static final ConversationKey OTHER_TENANT = new ConversationKey("slack", "T2", "C1", "123.45");

  private final TestClock clock = new TestClock();
  private final FakeGitHub github = new FakeGitHub("acme/support", clock);
  private final FakeJira jira = new FakeJira("OPS");
  private final InMemoryTicketStore ledger = new InMemoryTicketStore(TicketIds.DEFAULT, Clock.systemUTC());
  private final TicketBackend gitHubIssues =
      new GitHubIssues(github.apiUrl(), FakeGitHub.TOKEN, "acme/support", new OkHttpClient(), clock);
  private final TicketBackend jiraIssues =
      new JiraIssues(jira.siteUrl(), FakeJira.EMAIL, FakeJira.API_TOKEN, "OPS", "Task", new OkHttpClient(), clock);
  /** Channel C9 files into Jira, every other channel into GitHub. */
  private final TrackedTicketStore store = new TrackedTicketStore(ledger,
      conversation -> conversation.channel().equals("C9") ? jiraIssues : gitHubIssues, clock);
  private final CreateTicketTool create = new CreateTicketTool(store, TicketQuota.UNLIMITED, 3);
  private final LookupTicketTool lookup = new LookupTicketTool(store);

  @AfterEach
  void stop() {
    github.close();
    jira.close();
  }

  private static ToolContext context(ConversationKey where, String callId) {
    return new ToolContext(callId, "Ev1", "U1", "Ada", where, "https://acme.slack.com/archives/C1/p1?thread_ts=" + where.thread(),
        new TurnUsage());
  }

  private JsonNode createTicket(ConversationKey where, String callId, boolean evenIfOpen) throws Exception {
    JsonNode arguments = JSON.readTree("""
        {"title":"VPN drops every hour","description":"Summary: the VPN drops hourly since Monday.","priority":"urgent",
         "even_if_open":%s}""".formatted(evenIfOpen));
    return JSON.readTree(create.execute(arguments, context(where, callId)));
  }

  private JsonNode lookUp(ConversationKey where, String id) throws Exception {
    return JSON.readTree(lookup.execute(JSON.createObjectNode().put("id", id), context(where, "call_9")));
  }

  @Test
  void aTicketFromAThreadCarriesItsLinkAndComesBackWithTheTrackersLink() throws Exception {
    JsonNode ticket = createTicket(THREAD, "call_0", false);

    assertThat(ticket.get("id").asText()).isEqualTo("SUP-1");
    assertThat(ticket.get("tracker").asText()).isEqualTo("github");
    assertThat(ticket.get("url").asText()).isEqualTo("https://github.com/acme/support/issues/1");
    assertThat(github.issues().get(0).get("body").asText()).contains("Summary: the VPN drops hourly")
        .contains("(https://acme.slack.com/archives/C1/p1?thread_ts=123.45)");
  }

  @Test
  void anOpenTicketFromTheSameThreadIsOfferedInsteadOfADuplicate() throws Exception {
    createTicket(THREAD, "call_0", false);

    JsonNode offer = createTicket(THREAD, "call_1", false);

    assertThat(offer.get("opened").asBoolean()).isFalse();
    assertThat(offer.at("/open_ticket_from_this_thread/id").asText()).isEqualTo("SUP-1");
    assertThat(offer.at("/open_ticket_from_this_thread/url").asText()).isEqualTo("https://github.com/acme/support/issues/1");
    assertThat(offer.get("note").asText()).contains("even_if_open");
    assertThat(github.issues()).hasSize(1);
    assertThat(createTicket(OTHER_THREAD, "call_1", false).get("id").asText()).isEqualTo("SUP-2");
  }

  @Test
  void theSameCallRetriedGetsItsOwnTicketBackNotAnOffer() throws Exception {
    JsonNode first = createTicket(THREAD, "call_0", false);

    assertThat(createTicket(THREAD, "call_0", false)).isEqualTo(first);
  }

  @Test
  void aClosedTicketIsNotOfferedAndEvenIfOpenFilesASeparateOne() throws Exception {
    createTicket(THREAD, "call_0", false);
    assertThat(createTicket(THREAD, "call_1", true).get("id").asText()).isEqualTo("SUP-2");
    github.close(1, "grace");
    github.close(2, "grace");

    assertThat(createTicket(THREAD, "call_2", false).get("id").asText()).isEqualTo("SUP-3");
    assertThat(github.issues()).hasSize(3);
  }

  @Test
  void aRateLimitIsAToolErrorSayingWhenToTryAgain() {
    github.usePrimaryLimitUntil(clock.instant().plusSeconds(300));

    assertThatThrownBy(() -> createTicket(THREAD, "call_0", false))
        .isInstanceOf(ToolRefusedException.class)
        .hasMessageContaining("Not opened: GitHub's rate limit")
        .hasMessageContaining("Try again in 300 seconds");
  }

  @Test
  void lookupReadsTheLiveStateFromTheTracker() throws Exception {
    createTicket(THREAD, "call_0", false);
    github.close(1, "grace");

    JsonNode live = lookUp(THREAD, "sup-1");

    assertThat(live.get("status").asText()).isEqualTo("closed");
    assertThat(live.get("open").asBoolean()).isFalse();
    assertThat(live.get("assignee").asText()).isEqualTo("grace");
    assertThat(live.get("url").asText()).isEqualTo("https://github.com/acme/support/issues/1");
  }

  @Test
  void lookupFindsOnlyTicketsParleyRecordedForTheAskingTenant() throws Exception {
    ConversationKey jiraThread = new ConversationKey("slack", "T1", "C9", "5.5");
    createTicket(jiraThread, "call_0", false);

    assertThat(lookUp(jiraThread, "OPS-1").get("id").asText()).isEqualTo("SUP-1");
    assertThat(lookUp(OTHER_TENANT, "SUP-1").get("error").asText()).isEqualTo("no ticket SUP-1 exists");
    assertThat(lookUp(OTHER_TENANT, "OPS-1").get("error").asText()).isEqualTo("no ticket OPS-1 exists");
  }

  @Test
  void aTrackerThatCannotBeReadIsAToolError() throws Exception {
    createTicket(THREAD, "call_0", false);
    github.failNext(503, "Service Unavailable");

    assertThatThrownBy(() -> lookUp(THREAD, "SUP-1")).isInstanceOf(ToolRefusedException.class)
        .hasMessageContaining("Could not read SUP-1: GitHub failed (HTTP 503)");
  }
}
