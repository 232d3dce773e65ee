package dev.parley.slack.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * The fake Slack's files, as Slack serves them: {@code files.info} (strict about the file id),
 * and the bytes at {@code url_private} and {@code url_private_download} under the fake's own host
 * ({@code /files-pri/<team>-<id>/[download/]<name>}), which answer only a request bearing the bot
 * token. Without it Slack does not refuse: it answers 200 with its HTML sign-in page, and so does
 * this fake. Every download is recorded with the host it was asked of and the token it carried.
 */
public final class FakeSlackFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIGN_IN_PAGE = "<!DOCTYPE html><html><head><title>Slack</title></head><body>"
      + "<h1>Sign in to Parley Test</h1><form action=\"/signin\" method=\"post\"></form></body></html>";

  /**
   * One request for a file's bytes: the {@code Host} it was sent to, the bearer token it carried
   * (or null), the status answered, and {@code error} when the fake answered something other than
   * the file ({@code sign_in_page}, {@code file_not_found}), else null.
   */
  public record Download(String path, String host, String token, int status, String error) {}

  private final FakeSlack slack;
  private final Map<String, FakeSlackFile> files = new ConcurrentHashMap<>();
  private final List<Download> downloads = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile boolean scopeGranted = true;

  FakeSlackFiles(FakeSlack slack) {
    this.slack = slack;
  }

  FakeSlackFile add(String name, String mimetype, byte[] bytes, boolean audioClip) {
    String id = String.format("F0FILE%04d", ids.incrementAndGet());
    FakeSlackFile file = new FakeSlackFile(slack, id, name, mimetype, bytes, audioClip);
    files.put(id, file);
    return file;
  }

  /** As for an app installed without {@code files:read}: no download, and {@code files.info} answers {@code missing_scope}. */
  void revokeFilesScope() {
    scopeGranted = false;
  }

  List<Download> downloads() {
    return List.copyOf(downloads);
  }

  /** {@code files.info}: the file object, or {@code file_not_found} for an id that is not (or no longer) there. */
  ObjectNode info(Map<String, String> params) {
    String id = params.get("file");
    if (!scopeGranted) return error("missing_scope").put("needed", "files:read").put("provided", "chat:write");
    if (id == null || id.isBlank()) return error("invalid_arguments");
    FakeSlackFile file = files.get(id);
    if (file == null || file.deleted()) return error("file_not_found");
    ObjectNode answer = JSON.createObjectNode().put("ok", true);
    answer.set("file", file.json());
    answer.putArray("comments");
    answer.putObject("response_metadata").put("next_cursor", "");
    return answer;
  }

  /** Serves a path under {@code /files-pri/} or the other host's {@code /elsewhere/}. */
  MockResponse serve(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String host = request.getHeaders().get("Host");
    String auth = request.getHeaders().get("Authorization");
    String token = auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : null;
    FakeSlackFile file = files.values().stream().filter(f -> f.serves(path)).findFirst().orElse(null);
    if (path.startsWith("/elsewhere/")) {
      // Another host's copy (a CDN behind a redirect): signed by its address, needing no token.
      return file == null ? recorded(path, host, token, notFound(), "file_not_found") : recorded(path, host, token,
          bytes(file), null);
    }
    if (!FakeSlack.BOT_TOKEN.equals(token) || !scopeGranted) {
      return recorded(path, host, token, new MockResponse.Builder().code(200)
          .addHeader("Content-Type", "text/html; charset=utf-8").body(SIGN_IN_PAGE).build(), "sign_in_page");
    }
    if (file == null || file.deleted()) return recorded(path, host, token, notFound(), "file_not_found");
    if (file.redirect() != null) {
      return recorded(path, host, token, new MockResponse.Builder().code(302).addHeader("Location", file.redirect())
          .build(), null);
    }
    return recorded(path, host, token, bytes(file), null);
  }

  private MockResponse recorded(String path, String host, String token, MockResponse response, String error) {
    downloads.add(new Download(path, host, token, response.getCode(), error));
    return response;
  }

  private static MockResponse bytes(FakeSlackFile file) {
    MockResponse.Builder response = new MockResponse.Builder().code(200).addHeader("Content-Type", file.servedType())
        .headersDelay(file.headersDelay().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    Buffer body = new Buffer().write(file.bytes());
    return (file.withoutLength() ? response.chunkedBody(body, 1024) : response.body(body)).build();
  }

  private static MockResponse notFound() {
    return new MockResponse.Builder().code(404).addHeader("Content-Type", "text/plain").body("Not Found").build();
  }

  private static ObjectNode error(String code) {
    return JSON.createObjectNode().put("ok", false).put("error", code);
  }
}
