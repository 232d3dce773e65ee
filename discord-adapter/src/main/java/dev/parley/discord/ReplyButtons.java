package dev.parley.discord;

import dev.parley.core.api.ConversationKey;
import java.util.Optional;
import net.dv8tion.jda.api.components.buttons.Button;

/**
 * The buttons under an answer. A button's custom id carries the conversation key, so a click
 * works on any bot instance, also after a restart: {@code parley:stop:<key>} and
 * {@code parley:regen:<key>} (at most 13 + 7 + 3 + 3 + 3 * 20 = 86 characters for the
 * longest, a DM's {@code discord:dm-<user>:<channel>:<channel>}, under Discord's 100).
 */
final class ReplyButtons {
  private static final String PREFIX = "parley:";

  enum Kind {
    STOP("stop", "Stop"),
    REGENERATE("regen", "Regenerate");

    final String code;
    final String label;

    Kind(String code, String label) {
      this.code = code;
      this.label = label;
    }
  }

  /** The custom ids a reply uses: Stop while it streams, Regenerate when done (null: none). */
  record Ids(String stop, String regenerate) {
    static Ids forConversation(ConversationKey key) {
      return new Ids(id(Kind.STOP, key), id(Kind.REGENERATE, key));
    }
  }

  /** A click, decoded. */
  record Click(Kind kind, ConversationKey key) {}

  private ReplyButtons() {}

  static String id(Kind kind, ConversationKey key) {
    return PREFIX + kind.code + ":" + key.asString();
  }

  static Button button(String customId) {
    Kind kind = parse(customId).map(Click::kind).orElseThrow(
        () -> new IllegalArgumentException("not a reply button: " + customId));
    return kind == Kind.STOP ? Button.danger(customId, kind.label) : Button.secondary(customId, kind.label);
  }

  /** Decodes a custom id; empty when it is not one of ours or is malformed. */
  static Optional<Click> parse(String customId) {
    if (customId == null || !customId.startsWith(PREFIX)) return Optional.empty();
    String[] parts = customId.substring(PREFIX.length()).split(":");
    if (parts.length != 5) return Optional.empty();
    for (Kind kind : Kind.values()) {
      if (!kind.code.equals(parts[0])) continue;
      try {
        return Optional.of(new Click(kind, new ConversationKey(parts[1], parts[2], parts[3], parts[4])));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
