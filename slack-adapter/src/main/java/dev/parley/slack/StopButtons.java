package dev.parley.slack;

import dev.parley.core.api.ConversationKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Stop button's value: {@code <conversation key>|<asker's user id>|<tag>}. The asker rides
 * along so that any replica, also one that did not stream the answer, can tell who may stop it.
 *
 * <p>Who clicked comes from Slack itself (a signed request or the Socket Mode connection), so it
 * cannot be forged. The value, though, is echoed from the client, and a tampered client could
 * send any value: the tag, an HMAC-SHA256 keyed with the bot token that every replica shares,
 * makes a value Parley did not write worthless. A forged value is treated as a click on nothing.
 * A new bot token only invalidates the Stop buttons of answers streaming at that moment.
 */
final class StopButtons {
  private static final String DOMAIN = "parley-stop-v1|";
  private static final int TAG_BYTES = 16;

  private final SecretKeySpec key;

  StopButtons(String botToken) {
    this.key = new SecretKeySpec(botToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  String value(ConversationKey conversation, String askerId) {
    String body = conversation.asString() + "|" + askerId;
    return body + "|" + tag(body);
  }

  /** The asker named by a value this bot wrote for {@code conversation}; empty when forged. */
  Optional<String> askerOf(String value, ConversationKey conversation) {
    if (value == null) return Optional.empty();
    int last = value.lastIndexOf('|');
    if (last < 0) return Optional.empty();
    String body = value.substring(0, last);
    String[] parts = body.split("\\|", -1);
    if (parts.length != 2 || !parts[0].equals(conversation.asString()) || parts[1].isEmpty()) return Optional.empty();
    byte[] expected = tag(body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = value.substring(last + 1).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? Optional.of(parts[1]) : Optional.empty();
  }

  private String tag(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] full = mac.doFinal((DOMAIN + body).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, TAG_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
