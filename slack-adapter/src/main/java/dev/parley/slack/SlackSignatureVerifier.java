package dev.parley.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's request signature: {@code X-Slack-Signature} must be {@code v0=} and the hex
 * HMAC-SHA256 of {@code v0:{X-Slack-Request-Timestamp}:{raw body}} under the signing secret.
 * Unlike Bolt's own check, a timestamp too far in the future fails as well as one too old, so a
 * captured request cannot be replayed later by giving it a future time. Thread-safe.
 */
public final class SlackSignatureVerifier {
  /** Slack's recommended window. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private final byte[] secret;
  private final Clock clock;

  public SlackSignatureVerifier(String signingSecret, Clock clock) {
    Objects.requireNonNull(signingSecret, "signingSecret");
    this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether the request is Slack's: signature matches and timestamp within five minutes. */
  public boolean verify(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null || body == null) return false;
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - seconds) > MAX_SKEW.toSeconds()) return false;
    byte[] expected = ("v0=" + sign(timestamp.strip(), body)).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8));
  }

  /** The hex HMAC-SHA256 of {@code v0:timestamp:body}: what Slack puts after {@code v0=}. */
  public String sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "SlackSignatureVerifier[secret=****]";
  }
}
