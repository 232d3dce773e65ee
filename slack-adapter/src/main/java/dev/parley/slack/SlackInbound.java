package dev.parley.slack;

import dev.parley.core.api.IncomingMessage;
import java.util.Objects;

/**
 * A Slack message the bot may answer, as the {@link SlackEventMapper} read it.
 *
 * @param kind how the message reached the bot, which decides whether it is answered
 * @param target where the answer goes
 */
record SlackInbound(Kind kind, IncomingMessage message, ReplyTarget target) {

  public enum Kind {
    /** {@code app_mention} in a channel: always answered in the message's thread. */
    MENTION,
    /** A direct message, top-level or in a DM thread (assistant threads are DM threads). */
    DIRECT,
    /** A reply without a mention in a channel thread: answered if the bot is part of the thread. */
    THREAD_REPLY,
    /** A top-level channel message without a mention: answered only in support channels. */
    CHANNEL_MESSAGE
  }

  public SlackInbound {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(target, "target");
  }

  /** Whether the answer goes in a DM thread, which is where Slack's assistant threads live. */
  public boolean inDmThread() {
    return kind == Kind.DIRECT && target.threadTs() != null;
  }
}
