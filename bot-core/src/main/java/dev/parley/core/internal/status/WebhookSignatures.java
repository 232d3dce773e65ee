package dev.parley.core.internal.status;

import dev.parley.core.internal.tickets.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signatures trackers put on their webhooks, always over the raw body as received and
 * always in constant time ({@link MessageDigest#isEqual}). Pure and thread-safe.
 */
public final class WebhookSignatures {

  /** How far a generic webhook's timestamp may be from now, in either direction. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private WebhookSignatures() {}

  /**
   * GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>} (docs.github.com,
   * "Validating webhook deliveries"). Also Jira Cloud's admin webhooks with a secret, which send
   * the same WebSub form in {@code X-Hub-Signature} (developer.atlassian.com, "Webhooks", secure
   * admin webhooks): {@code sha256=<hex>}.
   */
  public static boolean validHubSignature(String secret, byte[] body, String header) {
    if (header == null || !header.startsWith("sha256=")) return false;
    return matches(header.substring("sha256=".length()), hmacHex(secret, body));
  }

  /**
   * Parley's own scheme, defined once in {@link WebhookSignature} (the outbound ticket webhook
   * signs with it): {@code X-Parley-Timestamp: <unix seconds>} and
   * {@code X-Parley-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. What this
   * adds for a request received: the timestamp is inside the signature, so a captured request
   * cannot be replayed after {@link #MAX_SKEW}; a timestamp too far in the future is refused as well.
   */
  public static boolean validParleySignature(String secret, byte[] body, String timestamp, String header, Instant now) {
    if (timestamp == null || header == null || !timestamp.matches("\\d{1,12}")) return false;
    long seconds = Long.parseLong(timestamp);
    if (Math.abs(now.getEpochSecond() - seconds) > MAX_SKEW.toSeconds()) return false;
    return WebhookSignature.matches(secret, seconds, body, header);
  }

  /** Lowercase hex HMAC-SHA256 of {@code data} under {@code secret}. */
  public static String hmacHex(String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM ships HmacSHA256", e);
    }
  }

  private static boolean matches(String given, String expected) {
    // Hex from the sender may come in capitals; the comparison itself takes constant time.
    return MessageDigest.isEqual(given.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
        expected.getBytes(StandardCharsets.US_ASCII));
  }
}
