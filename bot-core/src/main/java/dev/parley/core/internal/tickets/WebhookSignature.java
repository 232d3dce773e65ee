package dev.parley.core.internal.tickets;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Parley's webhook signature, the same both ways (the ticket webhook Parley sends, the status
 * webhook it receives): {@code X-Parley-Timestamp: <unix seconds>} and
 * {@code X-Parley-Signature: v1=<lowercase hex of HMAC-SHA256(secret, timestamp + "." + raw body)>}.
 * The timestamp inside the signed text lets a receiver refuse a replayed request; {@code v1=}
 * leaves room for another scheme later. See docs/operations.md for a receiver's check.
 */
public final class WebhookSignature {
  public static final String TIMESTAMP_HEADER = "X-Parley-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Parley-Signature";
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final String VERSION = "v1=";

  private WebhookSignature() {}

  /** {@code v1=} and the hex HMAC of {@code timestamp + "." + body}. */
  public static String sign(String secret, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return VERSION + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM ships HmacSHA256", e);
    }
  }

  /**
   * Whether {@code signature} is the one {@link #sign} gives, compared in constant time. Hex in
   * capitals, as another implementation of the scheme may send, is accepted; nothing else is lenient.
   */
  public static boolean matches(String secret, long timestampSeconds, byte[] body, String signature) {
    if (signature == null) return false;
    String given = signature.trim();
    if (!given.startsWith(VERSION)) return false;
    String hex = given.substring(VERSION.length()).toLowerCase(Locale.ROOT);
    return MessageDigest.isEqual(sign(secret, timestampSeconds, body).getBytes(StandardCharsets.US_ASCII),
        (VERSION + hex).getBytes(StandardCharsets.US_ASCII));
  }
}
