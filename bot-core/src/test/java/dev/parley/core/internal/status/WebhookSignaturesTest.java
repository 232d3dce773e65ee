package dev.parley.core.internal.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.tickets.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
  private static final String SECRET = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

  @Test
  void matchesGitHubsOwnTestVector() {
    // docs.github.com, "Validating webhook deliveries", "Testing the webhook payload validation".
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignatures.validHubSignature("It's a Secret to Everybody", body,
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")).isTrue();
  }

  @Test
  void matchesTheExampleInTheOperationsGuide() {
    // docs/operations.md, "The generic webhook": what a receiver checks its signing code against.
    byte[] body = "{\"ticket\":\"HD-42\",\"event\":\"closed\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignatures.validParleySignature("whsec-example-0123456789abcdef", body, "1764493200",
        "v1=fc6ce82f715bb3f7b7624e83184a7cd6e4bd6f43545911c7ac6a8f5afcdd70e5", Instant.ofEpochSecond(1764493200)))
        .isTrue();
  }

  @Test
  void acceptsARecordedGitHubDeliverySignedWithTheSecret() {
    byte[] body = Payloads.bytes("github-issues-closed.json");

    assertThat(WebhookSignatures.validHubSignature(SECRET, body, hub(body))).isTrue();
  }

  @Test
  void refusesATamperedBody() {
    byte[] body = Payloads.bytes("github-issues-closed.json");
    String signature = hub(body);
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"closed\"", "\"open\"")
        .getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignatures.validHubSignature(SECRET, tampered, signature)).isFalse();
  }

  @Test
  void refusesAMissingOrMalformedSignature() {
    byte[] body = Payloads.bytes("jira-comment_created.json");
    String hex = WebhookSignatures.hmacHex(SECRET, body);

    assertThat(WebhookSignatures.validHubSignature(SECRET, body, null)).isFalse();
    assertThat(WebhookSignatures.validHubSignature(SECRET, body, "")).isFalse();
    assertThat(WebhookSignatures.validHubSignature(SECRET, body, hex)).as("without sha256=").isFalse();
    assertThat(WebhookSignatures.validHubSignature(SECRET, body, "sha1=" + hex)).isFalse();
    assertThat(WebhookSignatures.validHubSignature(SECRET, body, "sha256=" + hex.substring(2))).isFalse();
  }

  @Test
  void refusesASignatureMadeWithAnotherSecret() {
    byte[] body = Payloads.bytes("jira-issue_updated-done.json");

    assertThat(WebhookSignatures.validHubSignature(SECRET, body,
        "sha256=" + WebhookSignatures.hmacHex("another-secret-of-32-characters!", body))).isFalse();
  }

  @Test
  void acceptsJirasSignatureInCapitals() {
    byte[] body = Payloads.bytes("jira-issue_updated-done.json");

    assertThat(WebhookSignatures.validHubSignature(SECRET, body,
        "sha256=" + WebhookSignatures.hmacHex(SECRET, body).toUpperCase())).isTrue();
  }

  @Test
  void acceptsAParleySignatureWithinFiveMinutesEitherWay() {
    byte[] body = generic();
    for (long offset : new long[] {0, -300, 300}) {
      String timestamp = Long.toString(NOW.getEpochSecond() + offset);

      assertThat(WebhookSignatures.validParleySignature(SECRET, body, timestamp, parley(timestamp, body), NOW))
          .as("offset %d s", offset).isTrue();
    }
  }

  @Test
  void refusesAStaleOrFutureParleyTimestamp() {
    byte[] body = generic();
    for (long offset : new long[] {-301, 301, -86_400}) {
      String timestamp = Long.toString(NOW.getEpochSecond() + offset);

      assertThat(WebhookSignatures.validParleySignature(SECRET, body, timestamp, parley(timestamp, body), NOW))
          .as("offset %d s", offset).isFalse();
    }
  }

  @Test
  void refusesAParleySignatureMovedToAnotherTimestampOrBody() {
    byte[] body = generic();
    String timestamp = Long.toString(NOW.getEpochSecond());
    String signature = parley(timestamp, body);
    byte[] tampered = Arrays.copyOf(body, body.length);
    tampered[10] = (byte) (tampered[10] ^ 1);

    assertThat(WebhookSignatures.validParleySignature(SECRET, body, Long.toString(NOW.getEpochSecond() - 1), signature,
        NOW)).isFalse();
    assertThat(WebhookSignatures.validParleySignature(SECRET, tampered, timestamp, signature, NOW)).isFalse();
    assertThat(WebhookSignatures.validParleySignature(SECRET, body, null, signature, NOW)).isFalse();
    assertThat(WebhookSignatures.validParleySignature(SECRET, body, timestamp, null, NOW)).isFalse();
    assertThat(WebhookSignatures.validParleySignature(SECRET, body, "12e3", signature, NOW)).isFalse();
    assertThat(WebhookSignatures.validParleySignature(SECRET, body, timestamp, signature.substring(3), NOW)).isFalse();
  }

  @Test
  void acceptsWhatParleysOutboundTicketWebhookSignsAndItsHexInCapitals() {
    byte[] body = generic();
    long now = NOW.getEpochSecond();
    String signature = WebhookSignature.sign(SECRET, now, body);

    assertThat(WebhookSignatures.validParleySignature(SECRET, body, Long.toString(now), signature, NOW)).isTrue();
    assertThat(WebhookSignatures.validParleySignature(SECRET, body, Long.toString(now),
        "v1=" + signature.substring(3).toUpperCase(Locale.ROOT), NOW)).isTrue();
  }

  private static byte[] generic() {
    return "{\"ticket\":\"HD-42\",\"event\":\"closed\",\"url\":\"https://helpdesk.example/t/42\"}"
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String hub(byte[] body) {
    return "sha256=" + WebhookSignatures.hmacHex(SECRET, body);
  }

  private static String parley(String timestamp, byte[] body) {
    byte[] signed = (timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    return "v1=" + WebhookSignatures.hmacHex(SECRET, signed);
  }
}
