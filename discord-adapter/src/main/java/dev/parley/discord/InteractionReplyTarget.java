package dev.parley.discord;

import java.time.Duration;
import java.util.Objects;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * The reply to a deferred slash command: the original response is edited, longer answers go on
 * in webhook follow-ups. An interaction token lives 15 minutes; after that (with a margin for
 * the request in flight) the reply goes on through the bot's channel endpoints, which can still
 * edit the bot's own public messages. An ephemeral reply cannot, and stops there. Such a late
 * reply keeps its token's budget (a sink's budget is fixed when it opens); JDA's own limiter and
 * a 429 turned into a retry cover the channel route for the rare answer that outlives its token.
 * While the token lives, edits go straight to Discord ({@link WebhookEdits}), out of JDA's queue:
 * a streaming (unpaced) one hands its 429 back to the core's throttle, the first and last renders
 * (paced) wait a 429 out and are sent again.
 * Confined to one reply's sink, which the core calls one call at a time.
 */
final class InteractionReplyTarget implements ReplyTarget {
  static final String ORIGINAL = "@original";
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

  private final InteractionHook hook;
  private final MessageChannel channel;
  private final WebhookEdits direct;
  private String originalId;
  private final boolean ephemeral;

  /**
   * @param originalId the id of the deferred response, or null if unknown yet (the first edit
   *     through the webhook tells it)
   */
  InteractionReplyTarget(InteractionHook hook, MessageChannel channel, String originalId, boolean ephemeral,
      WebhookEdits direct) {
    this.hook = Objects.requireNonNull(hook, "hook");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.direct = Objects.requireNonNull(direct, "direct");
    this.originalId = originalId;
    this.ephemeral = ephemeral;
  }

  @Override
  public String create(MessageCreateData message, boolean paced) throws RateLimitedException {
    RestAction<Message> action = tokenAlive()
        ? hook.sendMessage(message).setEphemeral(ephemeral)
        : requirePublic().sendMessage(message);
    return run(action, paced).getId();
  }

  @Override
  public void edit(String messageId, MessageEditData message, boolean paced) throws RateLimitedException {
    boolean original = ORIGINAL.equals(messageId) || messageId.equals(originalId);
    if (tokenAlive()) {
      String target = original ? ORIGINAL : messageId;
      boolean wantId = original && originalId == null;
      String edited = paced
          ? direct.editPaced(hook, target, message, wantId)
          : direct.edit(hook, target, message, wantId);
      // The edit tells us the original's id, needed once the token has expired.
      if (original && originalId == null) originalId = edited;
      return;
    }
    String id = original ? originalId : messageId;
    if (id == null) throw new IllegalStateException("the interaction token expired before the answer's id was known");
    run(requirePublic().editMessageById(id, message), paced);
  }

  /** Follow-ups only: the original response is the reply's first message, which always stays. */
  @Override
  public void delete(String messageId, boolean paced) throws RateLimitedException {
    RestAction<Void> action = tokenAlive()
        ? hook.deleteMessageById(messageId)
        : requirePublic().deleteMessageById(messageId);
    if (paced) {
      action.complete();
    } else {
      action.complete(false);
    }
  }

  @Override
  public String channelId() {
    return channel.getId();
  }

  boolean tokenAlive() {
    return System.currentTimeMillis() < hook.getExpirationTimestamp() - EXPIRY_MARGIN.toMillis();
  }

  private MessageChannel requirePublic() {
    if (ephemeral) throw new IllegalStateException("a private answer cannot go on after its interaction expired");
    return channel;
  }

  private static Message run(RestAction<Message> action, boolean paced) throws RateLimitedException {
    return paced ? action.complete() : action.complete(false);
  }
}
