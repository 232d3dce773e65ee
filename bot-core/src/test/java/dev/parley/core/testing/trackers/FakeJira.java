package dev.parley.core.testing.trackers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A local Jira Cloud site speaking REST v3 as Jira does: {@code POST /rest/api/3/issue} (201
 * {@code {"id","key","self"}}), {@code GET /rest/api/3/issue/{key}} and
 * {@code GET /rest/api/3/search/jql} (the old {@code /rest/api/3/search} answers 410, as Jira
 * Cloud does since CHANGE-2046). Strict where Parley could go wrong: basic auth must be the
 * configured email and API token (401 otherwise); a create needs the project key, a known issue
 * type, a one-line summary, and a description in Atlassian Document Format (a plain string is the
 * 400 Jira gives: {@code {"errorMessages":[],"errors":{"description":"Operation value must be an
 * Atlassian Document ..."}}}); labels may hold no spaces.
 *
 * <p>The search is eventually consistent when told so ({@link #lagSearch()}): a new issue appears
 * in it only after {@link #indexAll()}, as Jira's search index lags behind a create. Scripted
 * faults: a 429 with {@code Retry-After}, and a create whose answer is lost.
 */
public final class FakeJira extends FakeTrackerServer {
  public static final String EMAIL = "bot@acme.test";
  public static final String API_TOKEN = "ATATT3xFakeToken";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LABEL = Pattern.compile("labels\\s*=\\s*\"([^\"]+)\"");

  private final String project;
  private final List<ObjectNode> issues = new CopyOnWriteArrayList<>();
  private final List<ObjectNode> indexed = new CopyOnWriteArrayList<>();
  private final AtomicInteger createCalls = new AtomicInteger();
  private final AtomicBoolean searchLags = new AtomicBoolean();

  public FakeJira(String project) {
    super("Jira");
    this.project = project;
  }

  /** What {@code JIRA_URL} is set to. */
  public URI siteUrl() {
    return url("/").uri();
  }

  public List<ObjectNode> issues() {
    return List.copyOf(issues);
  }

  public int createCalls() {
    return createCalls.get();
  }

  /** From now on, new issues reach the search only at {@link #indexAll()}. */
  public void lagSearch() {
    searchLags.set(true);
  }

  public void indexAll() {
    for (ObjectNode issue : issues) if (!indexed.contains(issue)) indexed.add(issue);
  }

  /** The next request gets 429 with {@code Retry-After: seconds}. */
  public void rateLimitNext(int seconds) {
    addFault(new MockResponse.Builder().code(429).setHeader("Retry-After", seconds)
        .setHeader("X-RateLimit-Limit", 100).setHeader("X-RateLimit-Remaining", 0)
        .setHeader("RateLimit-Reason", "jira-burst-based").setHeader("Content-Type", "application/json")
        .body("{\"errorMessages\":[\"Rate limit exceeded.\"],\"errors\":{}}").build());
  }

  /** A person resolves and assigns the issue. */
  public void resolve(String key, String assignee) {
    ObjectNode fields = (ObjectNode) issue(key).get("fields");
    fields.putObject("status").put("name", "Done").putObject("statusCategory").put("key", "done");
    fields.putObject("assignee").put("displayName", assignee);
  }

  private ObjectNode issue(String key) {
    return issues.stream().filter(i -> i.get("key").asText().equals(key)).findFirst().orElse(null);
  }

  @Override
  protected MockResponse route(RecordedRequest request) {
    String expected = "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + API_TOKEN).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(request.getHeaders().get("Authorization"))) {
      return new MockResponse.Builder().code(401).setHeader("Content-Type", "text/plain")
          .body("Client must be authenticated to access this resource.").build();
    }
    MockResponse fault = nextFault();
    if (fault != null) return fault;
    HttpUrl url = request.getUrl();
    String path = url.encodedPath();
    if (path.equals("/rest/api/3/issue") && request.getMethod().equals("POST")) return create(request);
    if (path.equals("/rest/api/3/search/jql") && request.getMethod().equals("GET")) return search(url.queryParameter("jql"));
    if (path.equals("/rest/api/3/search")) {
      return error(410, "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.");
    }
    if (path.startsWith("/rest/api/3/issue/") && request.getMethod().equals("GET")) {
      ObjectNode issue = issue(path.substring("/rest/api/3/issue/".length()));
      if (issue == null) return error(404, "Issue does not exist or you do not have permission to see it.");
      return json(200, issue);
    }
    return error(404, "null for uri: " + url);
  }

  private MockResponse create(RecordedRequest request) {
    createCalls.incrementAndGet();
    JsonNode fields;
    try {
      fields = JSON.readTree(request.getBody().utf8()).path("fields");
    } catch (IOException e) {
      return error(400, "Unexpected character in the JSON body.");
    }
    ObjectNode errors = JSON.createObjectNode();
    if (!project.equals(fields.path("project").path("key").asText())) errors.put("project", "valid project is required");
    if (!List.of("Task", "Bug", "Story").contains(fields.path("issuetype").path("name").asText())) {
      errors.put("issuetype", "Specify a valid issue type");
    }
    String summary = fields.path("summary").asText("");
    if (summary.isBlank()) errors.put("summary", "You must specify a summary of the issue.");
    if (summary.contains("\n")) errors.put("summary", "The summary is invalid because it contains newline characters.");
    JsonNode description = fields.path("description");
    if (!description.isMissingNode() && !(description.isObject() && "doc".equals(description.path("type").asText())
        && description.path("version").asInt() == 1 && description.path("content").isArray())) {
      errors.put("description", "Operation value must be an Atlassian Document (see the Atlassian Document Format)");
    }
    for (JsonNode label : fields.path("labels")) {
      if (label.asText().contains(" ")) errors.put("labels", "The label '" + label.asText() + "' contains spaces which is invalid.");
    }
    if (!errors.isEmpty()) {
      ObjectNode body = JSON.createObjectNode();
      body.putArray("errorMessages");
      body.set("errors", errors);
      return json(400, body);
    }
    int number = issues.size() + 1;
    String key = project + "-" + number;
    ObjectNode issue = JSON.createObjectNode().put("id", Integer.toString(10000 + number)).put("key", key)
        .put("self", siteUrl() + "rest/api/3/issue/" + (10000 + number));
    ObjectNode stored = issue.deepCopy();
    ObjectNode storedFields = stored.putObject("fields").put("summary", summary);
    storedFields.set("description", description);
    storedFields.set("labels", fields.path("labels").deepCopy());
    storedFields.putObject("status").put("name", "To Do").putObject("statusCategory").put("key", "new");
    storedFields.putNull("assignee");
    issues.add(stored);
    if (!searchLags.get()) indexed.add(stored);
    return answerCreate(new MockResponse.Builder().code(201).setHeader("Content-Type", "application/json")
        .body(issue.toString())).build();
  }

  private MockResponse search(String jql) {
    Matcher label = LABEL.matcher(jql == null ? "" : jql);
    if (!label.find()) return error(400, "Error in the JQL Query: the query is not one this fake understands.");
    ArrayNode found = JSON.createArrayNode();
    for (ObjectNode issue : indexed) {
      for (JsonNode each : issue.path("fields").path("labels")) {
        if (each.asText().equals(label.group(1))) found.add(issue);
      }
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("issues", found);
    return json(200, body.put("isLast", true));
  }

  private static MockResponse json(int code, JsonNode body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body.toString()).build();
  }

  private static MockResponse error(int code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("errorMessages").add(message);
    body.putObject("errors");
    return json(code, body);
  }
}
