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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Jira Cloud over REST v3 (developer.atlassian.com/cloud/jira/platform/rest/v3): basic auth with an
 * account's email and API token, one project key and issue type. The description is Atlassian
 * Document Format (v3 refuses plain text there). Issues carry the labels {@code parley},
 * {@code parley-priority-<priority>} and {@code parley-<marker>}; priority is a label rather than
 * Jira's priority field, which many projects leave off the create screen (a 400 otherwise).
 *
 * <p><b>Finding an issue after a crash</b> searches for the marker label with
 * {@code GET /rest/api/3/search/jql} (the old {@code /rest/api/3/search} is removed, 410). That
 * search is eventually consistent (Atlassian's migration notes for CHANGE-2046), so
 * {@link #findLag()} is a minute: a retry sooner than that which finds nothing waits instead of
 * risking a second issue.
 *
 * <p><b>Limits:</b> a 429 (and a 503 with {@code Retry-After}) waits {@code Retry-After} seconds
 * (developer.atlassian.com/cloud/jira/platform/rate-limiting); without the header, half a minute.
 */
public final class JiraIssues implements TicketBackend {
  private static final ObjectMapper JSON = PooledJson.newMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  static final Duration SEARCH_LAG = Duration.ofMinutes(1);

  private final HttpUrl site;
  private final String authorization;
  private final String project;
  private final String issueType;
  private final TrackerHttp http;

  /** @param siteUrl such as {@code https://acme.atlassian.net} */
  public JiraIssues(URI siteUrl, String email, String apiToken, String project, String issueType,
      OkHttpClient client, Clock clock) {
    this.site = Objects.requireNonNull(HttpUrl.get(siteUrl.toString()), "siteUrl");
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(
        (Objects.requireNonNull(email, "email") + ":" + Objects.requireNonNull(apiToken, "apiToken"))
            .getBytes(StandardCharsets.UTF_8));
    this.project = Objects.requireNonNull(project, "project");
    this.issueType = Objects.requireNonNull(issueType, "issueType");
    this.http = new TrackerHttp("Jira", client, clock);
  }

  @Override
  public String name() {
    return "jira";
  }

  @Override
  public Duration findLag() {
    return SEARCH_LAG;
  }

  @Override
  public TrackerIssue create(Ticket ticket, String marker) {
    ObjectNode fields = JSON.createObjectNode();
    fields.putObject("project").put("key", project);
    fields.putObject("issuetype").put("name", issueType);
    fields.put("summary", IssueText.title(ticket));
    fields.set("description", AtlassianDocument.of(ticket));
    fields.putArray("labels").add("parley").add("parley-priority-" + ticket.priority()).add(label(marker));
    ObjectNode body = JSON.createObjectNode();
    body.set("fields", fields);
    TrackerHttp.Reply reply = http.send(request(api("issue").build())
        .post(RequestBody.create(body.toString(), JSON_TYPE)).build());
    if (reply.code() != 201) throw failure(reply);
    String key = reply.json().path("key").asText(null);
    if (key == null) throw TicketBackendException.transientFailure("Jira answered without an issue key.", null, null);
    return new TrackerIssue(key, browse(key), IssueText.title(ticket), "open", true, null);
  }

  @Override
  public Optional<TrackerIssue> findCreated(String marker, Instant notBefore) {
    String jql = "project = \"" + project + "\" AND labels = \"" + label(marker) + "\"";
    TrackerHttp.Reply reply = http.send(request(api("search").addPathSegment("jql")
        .addQueryParameter("jql", jql).addQueryParameter("fields", "summary,status,assignee")
        .addQueryParameter("maxResults", "1").build()).get().build());
    if (!reply.ok()) throw failure(reply);
    JsonNode issues = reply.json().path("issues");
    return issues.isEmpty() ? Optional.empty() : Optional.of(issue(issues.get(0)));
  }

  @Override
  public Optional<TrackerIssue> read(String externalId) {
    TrackerHttp.Reply reply = http.send(request(api("issue").addPathSegment(externalId)
        .addQueryParameter("fields", "summary,status,assignee").build()).get().build());
    if (reply.code() == 404) return Optional.empty();
    if (!reply.ok()) throw failure(reply);
    return Optional.of(issue(reply.json()));
  }

  static String label(String marker) {
    return "parley-" + marker;
  }

  private TrackerIssue issue(JsonNode issue) {
    String key = issue.path("key").asText();
    JsonNode fields = issue.path("fields");
    JsonNode status = fields.path("status");
    JsonNode assignee = fields.path("assignee");
    // statusCategory "done" is every resolved status, whatever the workflow calls it.
    boolean open = !"done".equals(status.path("statusCategory").path("key").asText(""));
    return new TrackerIssue(key, browse(key), fields.path("summary").asText(null), status.path("name").asText("open"),
        open, assignee.isObject() ? assignee.path("displayName").asText(null) : null);
  }

  private String browse(String key) {
    return site.newBuilder().addPathSegment("browse").addPathSegment(key).build().toString();
  }

  private HttpUrl.Builder api(String resource) {
    return site.newBuilder().addPathSegments("rest/api/3").addPathSegment(resource);
  }

  private Request.Builder request(HttpUrl url) {
    return new Request.Builder().url(url).header("Authorization", authorization).header("Accept", "application/json");
  }

  private TicketBackendException failure(TrackerHttp.Reply reply) {
    if (reply.code() == 429 || (reply.code() == 503 && reply.headers().get("Retry-After") != null)) {
      return http.limited("Jira is rate limiting Parley.", TrackerHttp.retryAfter(reply.headers(), Duration.ofSeconds(30)));
    }
    String reasons = reasons(reply.json());
    return switch (reply.code()) {
      case 401 -> TicketBackendException.refused("Jira rejected Parley's email and API token.");
      case 403 -> TicketBackendException.refused("Jira refused Parley" + reasons + ".");
      case 404 -> TicketBackendException.refused("Jira has no project " + project + ", or Parley cannot see it" + reasons + ".");
      case 400 -> TicketBackendException.refused("Jira rejected the issue" + reasons + ".");
      default -> http.otherFailure(reply, "Jira refused the request (HTTP " + reply.code() + ")" + reasons + ".");
    };
  }

  /** Jira's {@code {"errorMessages":[...],"errors":{"field":"message"}}}, as one clause. */
  private static String reasons(JsonNode error) {
    StringBuilder text = new StringBuilder();
    for (JsonNode message : error.path("errorMessages")) text.append(text.isEmpty() ? ": " : "; ").append(message.asText());
    for (Iterator<Map.Entry<String, JsonNode>> it = error.path("errors").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      text.append(text.isEmpty() ? ": " : "; ").append(field.getKey()).append(": ").append(field.getValue().asText());
    }
    return text.toString();
  }
}
