package dev.parley.core.internal.tickets.trackers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.json.PooledJson;
import dev.parley.core.internal.tickets.TicketBackend;
import dev.parley.core.internal.tickets.TicketBackendException;
import dev.parley.core.internal.tickets.TrackerIssue;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * GitHub Issues over REST (docs.github.com/rest/issues/issues, API version 2022-11-28): one
 * repository, a token sent as {@code Authorization: Bearer}. Issues carry the label {@code parley}
 * and {@code priority: <priority>} (GitHub creates missing labels; a token without push access
 * has labels silently dropped, which is why the marker is not a label), and a hidden
 * {@code <!-- parley:<marker> -->} at the end of the body.
 *
 * <p><b>Finding an issue after a crash</b> lists the repository's issues updated since the first
 * attempt ({@code GET /repos/{owner}/{repo}/issues?state=all&since=...}) and scans their bodies.
 * The search API would be one call, but it is served from an index that lags behind a create, so a
 * retry right after a crash could miss the issue and file a duplicate; the list is read from the
 * database and shows the issue as soon as the create returned.
 *
 * <p><b>Limits</b> as GitHub documents them (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api):
 * a 403 or 429 with {@code x-ratelimit-remaining: 0} waits until {@code x-ratelimit-reset} (UTC
 * epoch seconds); one with {@code retry-after} waits that many seconds; a secondary limit with
 * neither waits a minute. A success that used up the window also holds calls until the reset.
 */
public final class GitHubIssues implements TicketBackend {
  private static final ObjectMapper JSON = PooledJson.newMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  /** Issues scanned for a marker; a crash and its retry are seconds or minutes apart, not a hundred issues. */
  static final int SCAN = 100;

  private final HttpUrl api;
  private final String token;
  private final String repo;
  private final TrackerHttp http;

  /**
   * @param apiUrl {@code https://api.github.com}, or GitHub Enterprise's {@code https://host/api/v3}
   * @param repo {@code owner/name}
   */
  public GitHubIssues(URI apiUrl, String token, String repo, OkHttpClient client, Clock clock) {
    this.api = Objects.requireNonNull(HttpUrl.get(apiUrl.toString()), "apiUrl");
    this.token = Objects.requireNonNull(token, "token");
    if (!repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("repo must be owner/name");
    this.repo = repo;
    this.http = new TrackerHttp("GitHub", client, clock);
  }

  @Override
  public String name() {
    return "github";
  }

  @Override
  public TrackerIssue create(Ticket ticket, String marker) {
    ObjectNode body = JSON.createObjectNode()
        .put("title", IssueText.title(ticket))
        .put("body", body(ticket, marker));
    body.putArray("labels").add("parley").add("priority: " + ticket.priority());
    TrackerHttp.Reply reply = send(request(url(repo, "issues").build())
        .post(RequestBody.create(body.toString(), JSON_TYPE)).build());
    if (reply.code() != 201) throw failure(reply, repo);
    return issue(repo, reply.json());
  }

  @Override
  public Optional<TrackerIssue> findCreated(String marker, Instant notBefore) {
    // A few minutes' slack for clocks that disagree with GitHub's.
    String since = notBefore.minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS).toString();
    TrackerHttp.Reply reply = send(request(url(repo, "issues")
        .addQueryParameter("state", "all").addQueryParameter("since", since)
        .addQueryParameter("sort", "created").addQueryParameter("direction", "desc")
        .addQueryParameter("per_page", Integer.toString(SCAN)).build()).get().build());
    if (!reply.ok()) throw failure(reply, repo);
    String hidden = hiddenMarker(marker);
    for (JsonNode issue : reply.json()) {
      if (!issue.has("pull_request") && issue.path("body").asText("").contains(hidden)) {
        return Optional.of(issue(repo, issue));
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<TrackerIssue> read(String externalId) {
    int hash = externalId.lastIndexOf('#');
    if (hash < 1) return Optional.empty();
    String issueRepo = externalId.substring(0, hash);
    TrackerHttp.Reply reply = send(request(url(issueRepo, "issues")
        .addPathSegment(externalId.substring(hash + 1)).build()).get().build());
    if (reply.code() == 404 || reply.code() == 410) return Optional.empty();
    if (!reply.ok()) throw failure(reply, issueRepo);
    return Optional.of(issue(issueRepo, reply.json()));
  }

  static String hiddenMarker(String marker) {
    return "<!-- parley:" + marker + " -->";
  }

  /**
   * The summary, the thread link and the marker. An {@code @} gets a zero-width joiner after it,
   * so a name in the summary cannot notify a GitHub user or team.
   */
  private static String body(Ticket ticket, String marker) {
    StringBuilder text = new StringBuilder(ticket.description().replace("@", "@\u2060")).append("\n\n---\n");
    if (ticket.permalink() != null) text.append("[The whole thread](").append(ticket.permalink()).append(")\n\n");
    text.append(IssueText.origin(ticket).replace("@", "@\u2060")).append("\n\n").append(hiddenMarker(marker));
    return text.toString();
  }

  /**
   * The id Parley records for a GitHub issue, {@code owner/name#number}, with owner and name in
   * lower case. GitHub takes them in any case (its REST reference, for {@code owner} and
   * {@code repo}: "The name is not case sensitive"), but its webhooks name the repository in its
   * own case ({@code repository.full_name}): a {@code GITHUB_REPO} of {@code Acme/Support} and a
   * webhook about {@code acme/support} must find the same ticket. Status webhooks key by this too.
   */
  public static String externalId(String repo, String number) {
    return repo.toLowerCase(Locale.ROOT) + "#" + number;
  }

  private TrackerIssue issue(String issueRepo, JsonNode issue) {
    String state = issue.path("state").asText("open");
    JsonNode assignee = issue.path("assignee");
    return new TrackerIssue(externalId(issueRepo, Long.toString(issue.path("number").asLong())),
        issue.path("html_url").asText(null),
        issue.path("title").asText(null), state, "open".equals(state),
        assignee.isObject() ? assignee.path("login").asText(null) : null);
  }

  private HttpUrl.Builder url(String issueRepo, String resource) {
    int slash = issueRepo.indexOf('/');
    return api.newBuilder().addPathSegment("repos").addPathSegment(issueRepo.substring(0, slash))
        .addPathSegment(issueRepo.substring(slash + 1)).addPathSegment(resource);
  }

  private Request.Builder request(HttpUrl url) {
    return new Request.Builder().url(url)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("User-Agent", "Parley");
  }

  /** GitHub's answer as the failure the model explains; rate limits also hold later calls back. */
  private TicketBackendException failure(TrackerHttp.Reply reply, String issueRepo) {
    String message = reply.json().path("message").asText("HTTP " + reply.code());
    String remaining = reply.headers().get("x-ratelimit-remaining");
    String reset = reply.headers().get("x-ratelimit-reset");
    boolean limited = reply.code() == 429 || (reply.code() == 403
        && ("0".equals(remaining) || reply.headers().get("retry-after") != null
            || message.toLowerCase().contains("rate limit")));
    if (limited) {
      if ("0".equals(remaining) && reset != null) {
        long wait = Long.parseLong(reset.trim()) - http.clock().instant().getEpochSecond();
        return http.limited("GitHub's rate limit for Parley's token is used up.", Duration.ofSeconds(wait));
      }
      return http.limited("GitHub is rate limiting Parley (secondary limit).",
          TrackerHttp.retryAfter(reply.headers(), Duration.ofMinutes(1)));
    }
    return switch (reply.code()) {
      case 401 -> TicketBackendException.refused("GitHub rejected Parley's token (" + message + ").");
      case 403 -> TicketBackendException.refused("GitHub refused: " + message + ". Parley's token may lack the"
          + " right to open issues in " + issueRepo + ".");
      case 404 -> TicketBackendException.refused("GitHub has no repository " + issueRepo
          + ", or Parley's token cannot see it.");
      case 410 -> TicketBackendException.refused("Issues are turned off in " + issueRepo + ".");
      case 422 -> TicketBackendException.refused("GitHub rejected the issue: " + message + details(reply.json()) + ".");
      default -> http.otherFailure(reply, "GitHub refused the request (HTTP " + reply.code() + ": " + message + ").");
    };
  }

  private static String details(JsonNode error) {
    StringBuilder details = new StringBuilder();
    for (JsonNode item : error.path("errors")) {
      details.append("; ").append(item.path("field").asText("")).append(' ').append(item.path("code").asText(""));
    }
    return details.toString();
  }

  /** Every answer, a success too, may use up the window: the next call then waits for its reset. */
  private TrackerHttp.Reply send(Request request) {
    TrackerHttp.Reply reply = http.send(request);
    String reset = reply.headers().get("x-ratelimit-reset");
    if (reply.ok() && "0".equals(reply.headers().get("x-ratelimit-remaining")) && reset != null) {
      http.holdUntil(Long.parseLong(reset.trim()));
    }
    return reply;
  }
}
