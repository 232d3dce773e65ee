package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.internal.status.Payloads;
import dev.parley.core.internal.status.WebhookSignatures;
import dev.parley.core.testing.FakeGroq;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The ticket status endpoints of the running jar, as production wires them: mounted for the
 * trackers whose secret is set, signatures checked on real payloads, an issue Parley did not
 * make acknowledged and ignored, and the secrets never in the log.
 */
class StatusWebhooksThroughTheJarIT {
  private static final String GITHUB_SECRET = "gh-TOPSECRET-5f1c0b7e9a2d4c6e";
  private static final String GENERIC_SECRET = "generic-TOPSECRET-9d8c7b6a5f4e";
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(15)).build();

  @Test
  void theConfiguredEndpointsCheckSignaturesAndIgnoreIssuesParleyDidNotMake() throws Exception {
    int port = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.startKeyless();
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port),
            "GITHUB_WEBHOOK_SECRET", GITHUB_SECRET, "TICKET_WEBHOOK_SECRET", GENERIC_SECRET))) {
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> status(port, "/readyz", null, null) == 200);
      byte[] closed = Payloads.bytes("github-issues-closed.json");
      Headers signed = new Headers.Builder().add("X-GitHub-Event", "issues").add("X-GitHub-Delivery", "d-jar-1")
          .add("X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex(GITHUB_SECRET, closed)).build();
      byte[] tampered = new String(closed, StandardCharsets.UTF_8).replace("octocat", "mallory")
          .getBytes(StandardCharsets.UTF_8);
      byte[] generic = "{\"ticket\":\"HD-42\",\"event\":\"closed\"}".getBytes(StandardCharsets.UTF_8);

      assertThat(status(port, "/webhooks/github", signed, closed)).isEqualTo(200);
      assertThat(status(port, "/webhooks/github", signed, tampered)).isEqualTo(401);
      assertThat(status(port, "/webhooks/jira", signed, closed)).as("no JIRA_WEBHOOK_SECRET").isEqualTo(404);
      assertThat(status(port, "/webhooks/tickets", parley(Instant.now(), generic), generic)).isEqualTo(200);
      assertThat(status(port, "/webhooks/tickets", parley(Instant.now().minusSeconds(600), generic), generic))
          .isEqualTo(401);

      assertThat(parley.stderr()).contains("ticket status webhooks on [/webhooks/github, /webhooks/tickets]")
          .doesNotContain("TOPSECRET");
      assertThat(parley.stdout()).doesNotContain("TOPSECRET");
    }
  }

  private static Headers parley(Instant at, byte[] body) {
    String timestamp = Long.toString(at.getEpochSecond());
    byte[] signed = (timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    return new Headers.Builder().add("X-Parley-Timestamp", timestamp)
        .add("X-Parley-Signature", "v1=" + WebhookSignatures.hmacHex(GENERIC_SECRET, signed)).build();
  }

  private int status(int port, String path, Headers headers, byte[] body) throws IOException {
    Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + path);
    if (headers != null) request.headers(headers);
    if (body != null) request.post(RequestBody.create(body, JSON));
    try (Response response = http.newCall(request.build()).execute()) {
      return response.code();
    }
  }
}
