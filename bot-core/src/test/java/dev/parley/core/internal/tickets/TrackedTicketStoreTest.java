package dev.parley.core.internal.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.redis.RedisTicketStore;
import dev.parley.core.internal.redis.TestRedis;
import dev.parley.core.internal.tickets.trackers.GitHubIssues;
import dev.parley.core.internal.tickets.trackers.JiraIssues;
import dev.parley.core.internal.tickets.trackers.WebhookTickets;
import dev.parley.core.testing.trackers.FakeGitHub;
import dev.parley.core.testing.trackers.FakeJira;
import dev.parley.core.testing.trackers.FakeTicketWebhook;
import dev.parley.core.testing.trackers.TestClock;
import java.time.Duration;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly once across a crash, for every tracker: the tracker creates the issue and the answer is
 * lost (the connection closes before the response, as when Parley dies right after the call); a
 * retry with the same key, from a new store and backend on the same Redis, finds that issue and
 * records it instead of creating a second.
 */
class TrackedTicketStoreTest {
  private static final ConversationKey THREAD = new ConversationKey("slack", "T1", "C1", "123.45");
  private static final String KEY = "slack:T1:C1:123.45|Ev1|call_0";

  private final TestClock clock = new TestClock();
  private final TestRedis redis = new TestRedis();
  private final FakeGitHub github = new FakeGitHub("acme/support", clock);
  private final FakeJira jira = new FakeJira("SUP");
  private final FakeTicketWebhook webhook = new FakeTicketWebhook(clock);

  @AfterEach
  void stop() {
    github.close();
    jira.close();
    webhook.close();
    redis.close();
  }

  /** A new process: its own ledger client objects and backend, on the shared Redis. */
  private TrackedTicketStore instance(String tracker) {
    Supplier<TicketBackend> backend = switch (tracker) {
      case "github" -> () -> new GitHubIssues(github.apiUrl(), FakeGitHub.TOKEN, "acme/support", new OkHttpClient(), clock);
      case "jira" -> () -> new JiraIssues(jira.siteUrl(), FakeJira.EMAIL, FakeJira.API_TOKEN, "SUP", "Task",
          new OkHttpClient(), clock);
      default -> () -> new WebhookTickets(webhook.url(), FakeTicketWebhook.SECRET, new OkHttpClient(), clock);
    };
    TicketBackend chosen = backend.get();
    return new TrackedTicketStore(new RedisTicketStore(redis.client(), redis.prefix(), TicketIds.DEFAULT),
        conversation -> chosen, clock);
  }

  private void dropNextCreateAnswer(String tracker) {
    switch (tracker) {
      case "github" -> github.dropNextCreateAnswer();
      case "jira" -> jira.dropNextCreateAnswer();
      default -> webhook.dropNextCreateAnswer();
    }
  }

  private int issuesIn(String tracker) {
    return switch (tracker) {
      case "github" -> github.issues().size();
      case "jira" -> jira.issues().size();
      default -> webhook.tickets();
    };
  }

  private static NewTicket printerBroken() {
    return new NewTicket("Printer on 3 is broken", "It prints only lorem.", "high", "U1", "Ada", THREAD,
        "https://acme.slack.com/archives/C1/p12345?thread_ts=123.45");
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "jira", "webhook"})
  void aCrashBetweenTheTrackersCreateAndParleysRecordMakesNoDuplicate(String tracker) {
    dropNextCreateAnswer(tracker);

    assertThatThrownBy(() -> instance(tracker).create(printerBroken(), KEY))
        .isInstanceOfSatisfying(TicketBackendException.class, e -> assertThat(e.retriable()).as(e.getMessage()).isTrue());
    assertThat(issuesIn(tracker)).as("issues after the lost answer").isEqualTo(1);

    Ticket retried = instance(tracker).create(printerBroken(), KEY);

    assertThat(issuesIn(tracker)).isEqualTo(1);
    assertThat(retried.id()).isEqualTo("SUP-1");
    assertThat(retried.backend()).isEqualTo(tracker);
    assertThat(retried.externalId()).isNotNull();
    assertThat(instance(tracker).findByExternal(tracker, retried.externalId())).contains(retried);
    assertThat(instance(tracker).create(printerBroken(), KEY)).isEqualTo(retried);
    assertThat(issuesIn(tracker)).isEqualTo(1);
  }

  @Test
  void aCreatedTicketIsReturnedAgainWithoutCallingTheTracker() {
    Ticket first = instance("github").create(printerBroken(), KEY);
    int calls = github.requests();

    assertThat(instance("github").create(printerBroken(), KEY)).isEqualTo(first);
    assertThat(github.requests()).isEqualTo(calls);
    assertThat(first.externalUrl()).isEqualTo("https://github.com/acme/support/issues/1");
  }

  @Test
  void aRetryWhileJirasSearchMayLagWaitsRatherThanRiskASecondIssue() {
    jira.lagSearch();
    jira.dropNextCreateAnswer();
    assertThatThrownBy(() -> instance("jira").create(printerBroken(), KEY)).isInstanceOf(TicketBackendException.class);
    clock.advance(Duration.ofSeconds(10));

    assertThatThrownBy(() -> instance("jira").create(printerBroken(), KEY))
        .isInstanceOfSatisfying(TicketBackendException.class, e -> {
          assertThat(e.retriable()).isTrue();
          assertThat(e.getMessage()).contains("may already exist in jira");
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(50));
        });
    assertThat(jira.createCalls()).isEqualTo(1);

    jira.indexAll();
    assertThat(instance("jira").create(printerBroken(), KEY).externalId()).isEqualTo("SUP-1");
    assertThat(jira.createCalls()).isEqualTo(1);
  }

  @Test
  void whileAnotherInstanceCallsTheTrackerASecondCallerWaits() {
    RedisTicketStore ledger = new RedisTicketStore(redis.client(), redis.prefix(), TicketIds.DEFAULT);
    Ticket reserved = ledger.create(printerBroken(), KEY);
    assertThat(ledger.tryClaim(reserved, Duration.ofSeconds(30))).isTrue();

    assertThatThrownBy(() -> instance("github").create(printerBroken(), KEY))
        .isInstanceOfSatisfying(TicketBackendException.class, e -> assertThat(e.retriable()).isTrue());
    assertThat(github.createCalls()).isZero();
  }

  @Test
  void aTrackerThatRefusesLeavesTheReservationToFinishLater() {
    github.failNext(502, "Server Error");
    assertThatThrownBy(() -> instance("github").create(printerBroken(), KEY)).isInstanceOf(TicketBackendException.class);

    Ticket retried = instance("github").create(printerBroken(), KEY);

    assertThat(retried.id()).isEqualTo("SUP-1");
    assertThat(github.issues()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "jira"})
  void whenThePersonAsksAgainInsteadOfARetryTheOrphanedIssueIsOfferedNotFiledTwice(String tracker) {
    dropNextCreateAnswer(tracker);
    assertThatThrownBy(() -> instance(tracker).create(printerBroken(), KEY)).isInstanceOf(TicketBackendException.class);

    var offer = instance(tracker).openFromThread(THREAD, "slack:T1:C1:123.45|Ev2|call_0");

    assertThat(offer).get().satisfies(view -> {
      assertThat(view.ticket().id()).isEqualTo("SUP-1");
      assertThat(view.ticket().backend()).isEqualTo(tracker);
      assertThat(view.open()).isTrue();
    });
    assertThat(issuesIn(tracker)).isEqualTo(1);
    assertThat(instance(tracker).create(printerBroken(), KEY).externalId()).isEqualTo(offer.get().ticket().externalId());
    assertThat(issuesIn(tracker)).isEqualTo(1);
  }

  @Test
  void aReservationTheTrackerNeverSawIsNotOffered() {
    github.failNext(422, "Validation Failed");
    assertThatThrownBy(() -> instance("github").create(printerBroken(), KEY)).isInstanceOf(TicketBackendException.class);

    assertThat(instance("github").openFromThread(THREAD, "slack:T1:C1:123.45|Ev2|call_0")).isEmpty();
  }

  @Test
  void aFirstAttemptJiraRefusedIsNotWaitedOutAsIfItMightExist() {
    jira.lagSearch();
    jira.rateLimitNext(5);
    assertThatThrownBy(() -> instance("jira").create(printerBroken(), KEY))
        .isInstanceOfSatisfying(TicketBackendException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(5)));
    clock.advance(Duration.ofSeconds(6));

    assertThat(instance("jira").create(printerBroken(), KEY).externalId()).isEqualTo("SUP-1");
    assertThat(jira.createCalls()).isEqualTo(1);
  }
}
