package dev.parley.discord;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * The reply to an interaction whose deferral was sent but may not be answered yet: the event
 * thread only starts the deferral (Discord wants it within 3 seconds, and the event thread must
 * not wait on REST), and the first write, on the core's worker thread, waits for it and then goes
 * on as an {@link InteractionReplyTarget}. Confined to one reply's sink, like that target.
 */
final class DeferredReplyTarget implements ReplyTarget {
  private final CompletableFuture<InteractionHook> deferral;
  private final MessageChannel channel;
  private final boolean ephemeral;
  private final WebhookEdits direct;
  private InteractionReplyTarget target;

  DeferredReplyTarget(CompletableFuture<InteractionHook> deferral, MessageChannel channel, boolean ephemeral,
      WebhookEdits direct) {
    this.deferral = Objects.requireNonNull(deferral, "deferral");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.ephemeral = ephemeral;
    this.direct = Objects.requireNonNull(direct, "direct");
  }

  @Override
  public String create(MessageCreateData message, boolean paced) throws RateLimitedException {
    return deferred().create(message, paced);
  }

  @Override
  public void edit(String messageId, MessageEditData message, boolean paced) throws RateLimitedException {
    deferred().edit(messageId, message, paced);
  }

  @Override
  public void delete(String messageId, boolean paced) throws RateLimitedException {
    deferred().delete(messageId, paced);
  }

  @Override
  public String channelId() {
    return channel.getId();
  }

  private InteractionReplyTarget deferred() {
    if (target == null) {
      InteractionHook hook = deferral.join();
      Message original = hook.hasCallbackResponse() ? hook.getCallbackResponse().getMessage() : null;
      target = new InteractionReplyTarget(hook, channel, original == null ? null : original.getId(), ephemeral,
          direct);
    }
    return target;
  }
}
