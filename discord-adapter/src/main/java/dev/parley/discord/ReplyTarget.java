package dev.parley.discord;

import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Where the messages of one reply go: an interaction's webhook, or a channel. Calls block until
 * Discord answered.
 *
 * <p>{@code paced} chooses who deals with rate limits. When true the request goes through JDA's
 * rate limiter, which reads the {@code X-RateLimit-*} headers, waits, and retries a 429 itself:
 * nothing is lost, it only takes longer. When false the request is sent at once and a 429
 * surfaces as {@link RateLimitedException}, so the core's edit throttle can send newer text later.
 */
interface ReplyTarget {

  /** Creates a message and returns its id. */
  String create(MessageCreateData message, boolean paced) throws RateLimitedException;

  /** Replaces a message this target created (or the interaction's original response). */
  void edit(String messageId, MessageEditData message, boolean paced) throws RateLimitedException;

  /** Deletes a message this target created, when a reply shrank and no longer needs it. */
  void delete(String messageId, boolean paced) throws RateLimitedException;

  /**
   * Creates a notice that is the whole reply (a refusal, such as a request limit), not the start
   * of an answer. Most targets show it where an answer would go.
   */
  default String createNotice(MessageCreateData message) throws RateLimitedException {
    return create(message, true);
  }

  /**
   * The channel the messages appear in. Channel messages share that channel's budget; an
   * interaction's webhook has its token's own ({@link DiscordBudgets}).
   */
  String channelId();
}
