package dev.parley.discord;

import dev.parley.core.api.ConversationKey;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.emoji.Emoji;

/**
 * The buttons under an answer: Stop while it streams; Regenerate, thumbs up and thumbs down once
 * it is done, in one action row (Discord allows five). A button's custom id carries the
 * conversation key, so a click works on any bot instance, also after a restart:
 * {@code parley:<kind>:<key>}, and {@code parley:regen:<key>:private} for a private answer, whose
 * regenerated answer is private too. The longest, a DM's private Regenerate
 * ({@code discord:dm-<user>:<channel>:<channel>}), has 13 + 73 + 8 = 94 characters, under
 * Discord's 100.
 *
 * <p>The id grants nothing: who may regenerate is decided by the core from the stored question,
 * and who may stop by the asker this instance remembered. A forged {@code :private} only changes
 * whether the clicker's own answer is shown to others.
 */
final class ReplyButtons {
  private static final String PREFIX = "parley:";
  private static final String PRIVATE = "private";

  enum Kind {
    STOP("stop"),
    REGENERATE("regen"),
    FEEDBACK_UP("up"),
    FEEDBACK_DOWN("down"),
    /** "Talk to a person", beside the finished row in channels with handoff configured. */
    HANDOFF("human");

    final String code;

    Kind(String code) {
      this.code = code;
    }
  }

  /**
   * The custom ids a reply uses: Stop's while it streams, and once done the id of Regenerate,
   * which stands for the whole finished row ({@link #row}).
   */
  record Ids(String stop, String regenerate, String handoff) {
    /** @param handoff the "Talk to a person" button's id, or null where handoff is not offered */
    Ids {}

    Ids(String stop, String regenerate) {
      this(stop, regenerate, null);
    }

    static Ids forConversation(ConversationKey key) {
      return forConversation(key, false);
    }

    /** @param privately whether the answer is private, so that its regenerated answer is too */
    static Ids forConversation(ConversationKey key, boolean privately) {
      return forConversation(key, privately, false);
    }

    /**
     * @param offerHandoff whether the finished answer offers "Talk to a person"; never on a
     *     private answer, whose thread nobody else sees
     */
    static Ids forConversation(ConversationKey key, boolean privately, boolean offerHandoff) {
      return new Ids(id(Kind.STOP, key), id(Kind.REGENERATE, key) + (privately ? ":" + PRIVATE : ""),
          offerHandoff && !privately ? id(Kind.HANDOFF, key) : null);
    }

    /** The buttons a message shows for {@code customId} ({@link #row}), with "Talk to a person" after a finished row. */
    List<Button> rowFor(String customId) {
      List<Button> row = row(customId);
      if (handoff == null || !customId.equals(regenerate)) return row;
      return java.util.stream.Stream.concat(row.stream(), java.util.stream.Stream.of(
          Button.primary(handoff, "Talk to a person"))).toList();
    }
  }

  /** A click, decoded; {@code privately} is set only on a private answer's Regenerate. */
  record Click(Kind kind, ConversationKey key, boolean privately) {
    Click(Kind kind, ConversationKey key) {
      this(kind, key, false);
    }
  }

  private ReplyButtons() {}

  static String id(Kind kind, ConversationKey key) {
    return PREFIX + kind.code + ":" + key.asString();
  }

  /**
   * The buttons a message shows for {@code customId}: Stop alone, or Regenerate followed by the
   * feedback buttons of the same conversation.
   */
  static List<Button> row(String customId) {
    Click click = parse(customId).orElseThrow(() -> new IllegalArgumentException("not a reply button: " + customId));
    return switch (click.kind()) {
      case STOP -> List.of(Button.danger(customId, "Stop"));
      case REGENERATE -> List.of(Button.secondary(customId, "Regenerate"),
          Button.secondary(id(Kind.FEEDBACK_UP, click.key()), Emoji.fromUnicode("\ud83d\udc4d")),
          Button.secondary(id(Kind.FEEDBACK_DOWN, click.key()), Emoji.fromUnicode("\ud83d\udc4e")));
      case FEEDBACK_UP, FEEDBACK_DOWN, HANDOFF -> throw new IllegalArgumentException("not the first button of a row: " + customId);
    };
  }

  /** Decodes a custom id; empty when it is not one of ours or is malformed. */
  static Optional<Click> parse(String customId) {
    if (customId == null || !customId.startsWith(PREFIX)) return Optional.empty();
    String[] parts = customId.substring(PREFIX.length()).split(":", -1);
    boolean privately = parts.length == 6 && parts[0].equals(Kind.REGENERATE.code) && PRIVATE.equals(parts[5]);
    if (parts.length != 5 && !privately) return Optional.empty();
    for (Kind kind : Kind.values()) {
      if (!kind.code.equals(parts[0])) continue;
      try {
        return Optional.of(new Click(kind, new ConversationKey(parts[1], parts[2], parts[3], parts[4]), privately));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
