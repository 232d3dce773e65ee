package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.ThreadPoster;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the core's own messages (a ticket's status, a handoff) into a Slack thread with
 * {@code chat.postMessage} and {@code thread_ts}. The text passes the {@link MentionGuard}, so no
 * {@code <!subteam^…>}, {@code <@…>}, {@code <!here>} or bare {@code @everyone} in it pings anyone;
 * the one ping is the configured group, written by this class as {@code <!subteam^ID>}, Slack's
 * syntax for mentioning a user group in a message (docs.slack.dev, "Formatting text for app
 * surfaces" &gt; mentioning groups). It needs no scope beyond {@code chat:write}: the id comes from
 * configuration, so {@code usergroups:read} is never called for. {@code link_names} stays unset,
 * so Slack links nothing by name either.
 *
 * <p>A 429 is waited out as Slack's {@code Retry-After} asks ({@code chat.postMessage} allows
 * about one message per second per channel), up to {@value #ATTEMPTS} attempts. Thread-safe.
 */
final class SlackThreadPoster implements ThreadPoster {
  private static final Logger log = LoggerFactory.getLogger(SlackThreadPoster.class);
  static final int ATTEMPTS = 3;
  /** A longer wait is not waited: the caller hears of it and may try later. */
  private static final Duration MAX_WAIT = Duration.ofSeconds(30);
  /** A message timestamp; threads of DMs and commands ({@code dm-U1}, {@code ask-U1}) are not. */
  private static final Pattern TS = Pattern.compile("\\d+\\.\\d+");
  private static final Pattern GROUP = Pattern.compile("S[A-Z0-9]{2,}");

  private final MethodsClient methods;

  SlackThreadPoster(MethodsClient methods) {
    this.methods = methods;
  }

  @Override
  public void post(ConversationKey conversation, String text, String onCallGroupId) {
    if (onCallGroupId != null && !GROUP.matcher(onCallGroupId).matches()) {
      throw new ThreadPostException("not a Slack user group id (S…): " + onCallGroupId, null);
    }
    String body = (onCallGroupId == null ? "" : "<!subteam^" + onCallGroupId + "> ") + MentionGuard.neutralise(fitted(text));
    String channel = conversation.channel();
    String thread = TS.matcher(conversation.thread()).matches() ? conversation.thread() : null;
    for (int attempt = 1; ; attempt++) {
      try {
        SlackCalls.call("chat.postMessage", () -> methods.chatPostMessage(r -> r.channel(channel).threadTs(thread)
            .text(body).unfurlLinks(false).unfurlMedia(false)));
        return;
      } catch (SlackCallException e) {
        if (!e.rateLimited() || attempt >= ATTEMPTS || e.retryAfter().compareTo(MAX_WAIT) > 0) {
          throw new ThreadPostException("Slack refused the post: " + e.error(), e);
        }
        log.info("slack thread post rate limited; waiting channel={} retryAfter={}", channel, e.retryAfter());
        sleep(e.retryAfter());
      }
    }
  }

  /** Slack refuses a message of about 4,000 characters ({@code msg_too_long}); these posts are short notes. */
  private static String fitted(String text) {
    if (text.length() <= PostedReply.MESSAGE_LIMIT) return text;
    int end = PostedReply.MESSAGE_LIMIT - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
    return text.substring(0, end) + "…";
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ThreadPostException("interrupted while waiting out Slack's rate limit", e);
    }
  }
}
