package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.Message;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Knows which channel threads the bot is part of, so that follow-ups there are answered without
 * a mention. It remembers the threads this instance answered in (a bounded, most-recent set);
 * for a thread it does not know, such as one answered before a restart or by another instance,
 * it reads the thread with {@code conversations.replies} and looks for the bot's own messages.
 *
 * <p>The answer "not a member", and a failed lookup, are remembered too, for
 * {@link #NEGATIVE_TTL}: a busy thread among people would otherwise cost one
 * {@code conversations.replies} call per message (a method Slack allows an app outside its
 * Marketplace once a minute; see {@link SlackThreadReads}), and a rate-limited Slack would be
 * asked again at once. The reads go through the {@link SlackThreadReader} that also quotes
 * threads, so both share its cache and its budget of calls. A mention here adds the bot at once, through
 * {@link #remember}. The price: when another replica answers a mention in a thread this one has
 * just found empty of the bot, follow-ups that reach this replica within the minute go
 * unanswered; a minute keeps that window short while a busy thread costs one call a minute.
 * Thread-safe.
 */
final class ThreadMembership {
  private static final int CAPACITY = 10_000;
  static final Duration NEGATIVE_TTL = Duration.ofMinutes(1);

  private final SlackThreadReader reader;
  private final String botUserId;
  private final String botId;
  private final LongSupplier nanoTime;
  private final Set<String> known = Collections.synchronizedSet(Collections.newSetFromMap(bounded()));
  /** Threads found not to include the bot, with the {@link System#nanoTime()} until which that holds. */
  private final Map<String, Long> notMember = Collections.synchronizedMap(bounded());

  ThreadMembership(MethodsClient methods, String botUserId, String botId, LongSupplier nanoTime) {
    this(new SlackThreadReader(methods, SlackThreadReads.TIER_3, nanoTime), botUserId, botId, nanoTime);
  }

  /**
   * @param reader reads threads for both membership and quoting, so both share one cache and
   *     one budget of {@code conversations.replies} calls
   */
  ThreadMembership(SlackThreadReader reader, String botUserId, String botId) {
    this(reader, botUserId, botId, System::nanoTime);
  }

  private ThreadMembership(SlackThreadReader reader, String botUserId, String botId, LongSupplier nanoTime) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.botUserId = botUserId;
    this.botId = botId;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  void remember(String channel, String threadTs) {
    String key = channel + "/" + threadTs;
    notMember.remove(key);
    known.add(key);
  }

  /** Whether the bot wrote in the thread. May call Slack; never throws. */
  boolean isMember(String channel, String threadTs) {
    String key = channel + "/" + threadTs;
    if (known.contains(key)) return true;
    Long until = notMember.get(key);
    if (until != null && nanoTime.getAsLong() - until < 0) return false;
    Optional<List<Message>> replies = reader.replies(channel, threadTs);
    boolean member = replies.isPresent() && replies.get().stream().anyMatch(this::isOwn);
    if (member) {
      remember(channel, threadTs);
    } else {
      // The reader logged why a thread could not be read; either way, not asked again for a while.
      notMember.put(key, nanoTime.getAsLong() + NEGATIVE_TTL.toNanos());
    }
    return member;
  }

  /** Whether this instance answered in the thread itself, which needs no call to know. */
  boolean answeredHere(String channel, String threadTs) {
    return known.contains(channel + "/" + threadTs);
  }

  private boolean isOwn(Message message) {
    return Objects.equals(botUserId, message.getUser()) || (botId != null && botId.equals(message.getBotId()));
  }

  private static <V> LinkedHashMap<String, V> bounded() {
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > CAPACITY;
      }
    };
  }
}
