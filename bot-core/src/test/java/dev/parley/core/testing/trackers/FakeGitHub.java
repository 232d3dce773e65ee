package dev.parley.core.testing.trackers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A local GitHub REST API for issues, in GitHub's wire format (docs.github.com/rest/issues/issues,
 * API version 2022-11-28): {@code POST /repos/{owner}/{repo}/issues} (201 with the issue),
 * {@code GET /repos/{owner}/{repo}/issues} (with {@code state}, {@code since}, {@code sort},
 * {@code direction}, {@code per_page}), {@code GET /repos/{owner}/{repo}/issues/{number}}. It is as
 * strict as GitHub where Parley could go wrong: a missing or wrong {@code Authorization: Bearer} is
 * 401 {@code Bad credentials}, a missing {@code User-Agent} 403, an unknown repository 404, a
 * missing title 422 {@code Validation Failed}. Every answer carries {@code x-ratelimit-*} headers.
 *
 * <p>Scripted faults: the primary limit used up (403, {@code x-ratelimit-remaining: 0},
 * {@code x-ratelimit-reset}), the secondary limit (403 with {@code retry-after}), and a create that
 * succeeds and then loses its answer (the connection closes before the response), which is the
 * crash between "the tracker created it" and "Parley recorded it".
 */
public final class FakeGitHub extends FakeTrackerServer {
  public static final String TOKEN = "ghp_fake0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOCS = "https://docs.github.com/rest";

  private final String repo;
  private final Clock clock;
  private final List<ObjectNode> issues = new CopyOnWriteArrayList<>();
  private final AtomicInteger createCalls = new AtomicInteger();
  private final AtomicBoolean stallNextCreateAnswer = new AtomicBoolean();

  public FakeGitHub(String repo, Clock clock) {
    super("GitHub");
    this.repo = repo;
    this.clock = clock;
  }

  /** What {@code GITHUB_API_URL} is set to. */
  public URI apiUrl() {
    return url("/").uri();
  }

  /** The issues created so far, as GitHub stores them. */
  public List<ObjectNode> issues() {
    return List.copyOf(issues);
  }

  public int createCalls() {
    return createCalls.get();
  }

  /**
   * The next create makes the issue, then holds its answer back for 15 seconds: long enough for a
   * test to kill Parley between "GitHub created it" and "Parley recorded it".
   */
  public void stallNextCreateAnswer() {
    stallNextCreateAnswer.set(true);
  }

  /** The next request meets the primary limit: 403, remaining 0, reset at {@code reset}. */
  public void usePrimaryLimitUntil(Instant reset) {
    addFault(limitHeaders(new MockResponse.Builder().code(403), 0, reset).body("""
        {"message":"API rate limit exceeded for user ID 1.","documentation_url":"%s"}""".formatted(DOCS)).build());
  }

  /** The next request meets a secondary limit: 403 with {@code retry-after}. */
  public void secondaryLimitFor(int seconds) {
    addFault(limitHeaders(new MockResponse.Builder().code(403), 4000, clock.instant().plusSeconds(3600))
        .setHeader("retry-after", seconds).body("""
        {"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",\
        "documentation_url":"%s"}""".formatted(DOCS)).build());
  }

  /** The next request gets {@code code} with GitHub's error body {@code message}. */
  public void failNext(int code, String message) {
    addFault(json(new MockResponse.Builder().code(code), error(message)).build());
  }

  /** A person closes the issue and assigns it, as on github.com. */
  public void close(int number, String assignee) {
    ObjectNode issue = issues.get(number - 1);
    issue.put("state", "closed").put("updated_at", clock.instant().toString());
    issue.putObject("assignee").put("login", assignee);
  }

  @Override
  protected MockResponse route(RecordedRequest request) {
    String auth = request.getHeaders().get("Authorization");
    if (auth == null || !auth.equals("Bearer " + TOKEN)) {
      return json(new MockResponse.Builder().code(401), error("Bad credentials")).build();
    }
    if (request.getHeaders().get("User-Agent") == null) {
      return json(new MockResponse.Builder().code(403), error("Request forbidden by administrative rules. "
          + "Please make sure your request has a User-Agent header")).build();
    }
    MockResponse fault = nextFault();
    if (fault != null) return fault;
    HttpUrl url = request.getUrl();
    // GitHub takes the owner and the name in any case (REST reference: "The name is not case sensitive").
    String issuesPath = ("/repos/" + repo + "/issues").toLowerCase(Locale.ROOT);
    String path = url.encodedPath().toLowerCase(Locale.ROOT);
    if (!path.startsWith(("/repos/" + repo + "/").toLowerCase(Locale.ROOT))) {
      return json(new MockResponse.Builder().code(404), error("Not Found")).build();
    }
    if (path.equals(issuesPath) && request.getMethod().equals("POST")) return create(request);
    if (path.equals(issuesPath) && request.getMethod().equals("GET")) return list(url);
    if (path.startsWith(issuesPath + "/") && request.getMethod().equals("GET")) {
      int number = Integer.parseInt(path.substring(issuesPath.length() + 1));
      if (number < 1 || number > issues.size()) return json(new MockResponse.Builder().code(404), error("Not Found")).build();
      return ok(200, issues.get(number - 1)).build();
    }
    return json(new MockResponse.Builder().code(404), error("Not Found")).build();
  }

  private MockResponse create(RecordedRequest request) {
    createCalls.incrementAndGet();
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody().utf8());
    } catch (IOException e) {
      return json(new MockResponse.Builder().code(400), error("Problems parsing JSON")).build();
    }
    if (!body.hasNonNull("title") || body.get("title").asText().isBlank()) {
      ObjectNode invalid = error("Validation Failed");
      invalid.putArray("errors").addObject().put("resource", "Issue").put("code", "missing_field").put("field", "title");
      return json(new MockResponse.Builder().code(422), invalid).build();
    }
    int number = issues.size() + 1;
    String now = clock.instant().toString();
    ObjectNode issue = JSON.createObjectNode()
        .put("id", 1000 + number).put("number", number)
        .put("html_url", "https://github.com/" + repo + "/issues/" + number)
        .put("url", apiUrl() + "repos/" + repo + "/issues/" + number)
        .put("title", body.get("title").asText()).put("body", body.path("body").asText(null))
        .put("state", "open").putNull("assignee").put("created_at", now).put("updated_at", now);
    ArrayNode labels = issue.putArray("labels");
    for (JsonNode label : body.path("labels")) {
      labels.addObject().put("name", label.asText());
    }
    issues.add(issue);
    MockResponse.Builder created = answerCreate(ok(201, issue).setHeader("Location", issue.get("url").asText()));
    if (stallNextCreateAnswer.getAndSet(false)) created.headersDelay(15, java.util.concurrent.TimeUnit.SECONDS);
    return created.build();
  }

  private MockResponse list(HttpUrl url) {
    Instant since = url.queryParameter("since") == null ? Instant.EPOCH : Instant.parse(url.queryParameter("since"));
    String state = url.queryParameter("state") == null ? "open" : url.queryParameter("state");
    int perPage = url.queryParameter("per_page") == null ? 30 : Math.min(100, Integer.parseInt(url.queryParameter("per_page")));
    List<ObjectNode> newestFirst = new ArrayList<>(issues);
    java.util.Collections.reverse(newestFirst);
    ArrayNode page = JSON.createArrayNode();
    for (ObjectNode issue : newestFirst) {
      if (page.size() == perPage) break;
      boolean stateMatches = state.equals("all") || issue.get("state").asText().equals(state);
      if (stateMatches && !Instant.parse(issue.get("updated_at").asText()).isBefore(since)) page.add(issue);
    }
    return ok(200, page).build();
  }

  private MockResponse.Builder ok(int code, JsonNode body) {
    return json(limitHeaders(new MockResponse.Builder().code(code), 4999, clock.instant().plusSeconds(3600)), body);
  }

  private static MockResponse.Builder limitHeaders(MockResponse.Builder response, int remaining, Instant reset) {
    return response.setHeader("x-ratelimit-limit", 5000).setHeader("x-ratelimit-remaining", remaining)
        .setHeader("x-ratelimit-used", 5000 - remaining).setHeader("x-ratelimit-reset", reset.getEpochSecond())
        .setHeader("x-ratelimit-resource", "core");
  }

  private static MockResponse.Builder json(MockResponse.Builder response, JsonNode body) {
    return response.setHeader("Content-Type", "application/json; charset=utf-8").body(body.toString());
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("message", message).put("documentation_url", DOCS);
  }
}
