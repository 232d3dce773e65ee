package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.trackers.FakeGitHub;
import dev.parley.core.testing.trackers.FakeJira;
import dev.parley.slack.e2e.FakeSlack;
import dev.parley.slack.e2e.SlackEvents;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tickets through the built jar into a tracker: Slack over Socket Mode, the model's tool calls
 * scripted on the fake Groq, GitHub and Jira faked in their wire formats, Redis shared.
 */
class TicketTrackersThroughTheJarIT {
  private static final String CHANNEL = "C0SUPPORT";
  private static final String USER = "U0ADA";
  private static final String CREATE = """
      {"title":"VPN drops every hour","description":"Summary: Ada's VPN drops hourly since Monday.","priority":"high"}""";

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
  private final List<String> toolResults = new ArrayList<>();

  @Test
  void aThreadFilesOneGitHubIssueOffersItAgainAndLooksUpItsLiveState() throws Exception {
    String prefix = "parley-test:" + UUID.randomUUID() + ":";
    int port = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.startKeyless();
        FakeSlack slack = FakeSlack.start();
        FakeGitHub github = new FakeGitHub("acme/support", Clock.systemUTC());
        ParleyProcess parley = ParleyProcess.start(env("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port),
            "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN, "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN, "SLACK_API_URL", slack.apiUrl(),
            "REDIS_URL", "redis://127.0.0.1:6379/0", "PARLEY_REDIS_PREFIX", prefix,
            "PARLEY_TICKETS", "github", "GITHUB_TOKEN", FakeGitHub.TOKEN, "GITHUB_REPO", "acme/support",
            "GITHUB_API_URL", github.apiUrl().toString()))) {
      slack.socket().awaitConnected(Duration.ofSeconds(60));
      await().atMost(Duration.ofSeconds(30)).until(() -> status(port, "/readyz") == 200);
      String thread = slack.nextTs();

      groq.enqueueToolCall("call_0", "create_ticket", CREATE).enqueueAnswer("Filed it.");
      slack.socket().sendEvent(SlackEvents.callback(SlackEvents.mention(CHANNEL, USER, "@Parley ticket this", thread, null)), 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> github.issues().size() == 1 && toolResults(groq).size() == 1);

      JsonNode issue = github.issues().get(0);
      assertThat(issue.get("body").asText()).contains("Summary: Ada's VPN drops hourly")
          .contains("https://parley-test.slack.com/archives/" + CHANNEL + "/p" + thread.replace(".", ""));
      assertThat(toolResults(groq).get(0)).contains("\"tracker\":\"github\"").contains("acme/support/issues/1");

      groq.enqueueToolCall("call_0", "create_ticket", CREATE).enqueueAnswer("There is one already.");
      slack.socket().sendEvent(SlackEvents.callback(
          SlackEvents.mention(CHANNEL, USER, "@Parley ticket this please", slack.nextTs(), thread)), 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> toolResults(groq).size() == 2);
      assertThat(toolResults(groq).get(1)).contains("open_ticket_from_this_thread").contains("SUP-1");
      assertThat(github.createCalls()).isEqualTo(1);

      github.close(1, "grace");
      groq.enqueueToolCall("call_0", "lookup_ticket", "{\"id\":\"SUP-1\"}").enqueueAnswer("It is closed.");
      slack.socket().sendEvent(SlackEvents.callback(
          SlackEvents.mention(CHANNEL, USER, "@Parley status of SUP-1?", slack.nextTs(), thread)), 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> toolResults(groq).size() == 3);
      assertThat(toolResults(groq).get(2)).contains("\"status\":\"closed\"").contains("\"assignee\":\"grace\"");
      assertThat(parley.stderr()).doesNotContain(FakeGitHub.TOKEN).contains("tickets go to");
    } finally {
      TestRedis.deleteKeys(6379, prefix);
    }
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS) // waits out the killed jar's 60-second turn lease
  void killingTheJarBetweenGitHubsCreateAndParleysRecordFilesNoDuplicateWhenAskedAgain() throws Exception {
    String prefix = "parley-test:" + UUID.randomUUID() + ":";
    try (FakeGroq groq = FakeGroq.startKeyless();
        FakeGitHub github = new FakeGitHub("acme/support", Clock.systemUTC())) {
      String thread;
      try (FakeSlack slack = FakeSlack.start();
          ParleyProcess first = ParleyProcess.start(gitHubEnv(groq, slack, github, prefix))) {
        slack.socket().awaitConnected(Duration.ofSeconds(60));
        github.stallNextCreateAnswer();
        groq.enqueueToolCall("call_0", "create_ticket", CREATE);
        thread = slack.nextTs();
        slack.socket().sendEvent(SlackEvents.callback(SlackEvents.mention(CHANNEL, USER, "@Parley ticket this", thread, null)), 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> github.issues().size() == 1);

        first.signal("KILL");
        first.awaitExit(Duration.ofSeconds(20));
      }

      try (FakeSlack slack = FakeSlack.start();
          ParleyProcess second = ParleyProcess.start(gitHubEnv(groq, slack, github, prefix))) {
        slack.socket().awaitConnected(Duration.ofSeconds(60));
        groq.clearScripted();
        groq.enqueueToolCall("call_0", "create_ticket", CREATE).enqueueAnswer("There is one already.");
        slack.socket().sendEvent(SlackEvents.callback(
            SlackEvents.mention(CHANNEL, USER, "@Parley did my ticket go through? ticket this", slack.nextTs(), thread)), 0);
        // The killed jar's turn lease on the thread (60 s) must run out before this turn starts.
        await().atMost(Duration.ofSeconds(100)).until(() -> toolResults(groq).stream()
            .anyMatch(result -> result.contains("open_ticket_from_this_thread")));

        assertThat(toolResults(groq)).last().asString().contains("\"id\":\"SUP-1\"").contains("acme/support/issues/1");
        assertThat(github.issues()).hasSize(1);
        assertThat(github.createCalls()).isEqualTo(1);
      }
    } finally {
      TestRedis.deleteKeys(6379, prefix);
    }
  }

  private static Map<String, String> gitHubEnv(FakeGroq groq, FakeSlack slack, FakeGitHub github, String prefix) {
    return env("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(ParleyProcess.freePort()),
        "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN, "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN, "SLACK_API_URL", slack.apiUrl(),
        "REDIS_URL", "redis://127.0.0.1:6379/0", "PARLEY_REDIS_PREFIX", prefix,
        "PARLEY_TICKETS", "github", "GITHUB_TOKEN", FakeGitHub.TOKEN, "GITHUB_REPO", "acme/support",
        "GITHUB_API_URL", github.apiUrl().toString());
  }

  @Test
  void jirasRateLimitReachesTheModelAsAToolErrorAndTheBotKeepsAnswering() throws Exception {
    String prefix = "parley-test:" + UUID.randomUUID() + ":";
    int port = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.startKeyless();
        FakeSlack slack = FakeSlack.start();
        FakeJira jira = new FakeJira("OPS");
        ParleyProcess parley = ParleyProcess.start(env("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port),
            "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN, "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN, "SLACK_API_URL", slack.apiUrl(),
            "REDIS_URL", "redis://127.0.0.1:6379/0", "PARLEY_REDIS_PREFIX", prefix,
            "PARLEY_TICKETS", "jira", "JIRA_URL", jira.siteUrl().toString(), "JIRA_EMAIL", FakeJira.EMAIL,
            "JIRA_API_TOKEN", FakeJira.API_TOKEN, "JIRA_PROJECT", "OPS"))) {
      slack.socket().awaitConnected(Duration.ofSeconds(60));
      await().atMost(Duration.ofSeconds(30)).until(() -> status(port, "/readyz") == 200);
      jira.rateLimitNext(120);

      groq.enqueueToolCall("call_0", "create_ticket", CREATE).enqueueAnswer("Jira is busy, try later.");
      String thread = slack.nextTs();
      slack.socket().sendEvent(SlackEvents.callback(SlackEvents.mention(CHANNEL, USER, "@Parley ticket this", thread, null)), 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> toolResults(groq).size() == 1);

      assertThat(toolResults(groq).get(0)).contains("Not opened: Jira is rate limiting Parley.")
          .contains("Try again in 120 seconds");
      await().atMost(Duration.ofSeconds(30)).until(() -> slack.botMessages(CHANNEL, thread).stream()
          .anyMatch(m -> m.visibleText().contains("Jira is busy")));
      assertThat(jira.issues()).isEmpty();
      assertThat(parley.stderr()).doesNotContain(FakeJira.API_TOKEN);
    } finally {
      TestRedis.deleteKeys(6379, prefix);
    }
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
    return env;
  }

  /** The content of every tool message the model was sent, in order, without repeats. */
  private synchronized List<String> toolResults(FakeGroq groq) {
    for (JsonNode request : groq.drainRequests()) {
      for (JsonNode message : request.path("messages")) {
        String content = message.path("content").asText();
        if ("tool".equals(message.path("role").asText()) && !toolResults.contains(content)) toolResults.add(content);
      }
    }
    return List.copyOf(toolResults);
  }

  private int status(int port, String path) {
    try (Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + path).build()).execute()) {
      return response.code();
    } catch (IOException e) {
      return -1;
    }
  }
}
