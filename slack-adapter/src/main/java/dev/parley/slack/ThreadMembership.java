package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows which channel threads the bot is part of, so that follow-ups there are answered without
 * a mention. It remembers the threads this instance answered in (a bounded, most-recent set);
 * for a thread it does not know, such as one answered before a restart or by another instance,
 * it reads the thread with {@code conversations.replies} and looks for the bot's own messages.
 * Thread-safe.
 */
final class ThreadMembership {
  private static final Logger log = LoggerFactory.getLogger(ThreadMembership.class);
  private static final int CAPACITY = 10_000;

  private final MethodsClient methods;
  private final String botUserId;
  private final String botId;
  private final Set<String> known = Collections.synchronizedSet(Collections.newSetFromMap(
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > CAPACITY;
        }
      }));

  ThreadMembership(MethodsClient methods, String botUserId, String botId) {
    this.methods = methods;
    this.botUserId = botUserId;
    this.botId = botId;
  }

  void remember(String channel, String threadTs) {
    known.add(channel + "/" + threadTs);
  }

  /** Whether the bot wrote in the thread. May call Slack; never throws. */
  boolean isMember(String channel, String threadTs) {
    if (known.contains(channel + "/" + threadTs)) return true;
    try {
      ConversationsRepliesResponse replies = SlackCalls.call("conversations.replies",
          () -> methods.conversationsReplies(r -> r.channel(channel).ts(threadTs).limit(200)));
      boolean member = replies.getMessages() != null && replies.getMessages().stream().anyMatch(this::isOwn);
      if (member) remember(channel, threadTs);
      return member;
    } catch (SlackCallException e) {
      log.info("slack thread lookup failed: channel={} thread={} error={}", channel, threadTs, e.error());
      return false;
    }
  }

  private boolean isOwn(Message message) {
    return Objects.equals(botUserId, message.getUser()) || (botId != null && botId.equals(message.getBotId()));
  }
}
