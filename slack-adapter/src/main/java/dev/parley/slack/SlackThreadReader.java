package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads channel threads with {@code conversations.replies}, within {@link SlackThreadReads}: a
 * thread read once is answered from memory for {@code cacheFor}, calls never exceed
 * {@code readsPerMinute} in any minute, and after a 429 none is made until its
 * {@code Retry-After} has passed. Anything that keeps a thread from being read (the budget spent,
 * a 429, {@code missing_scope}, {@code thread_not_found}, a network fault) gives an empty answer
 * and one log line, and is remembered for {@code cacheFor} too, so a busy thread does not retry
 * on every message. Thread-safe; one per bot token, which is what Slack counts the limit by.
 *
 * <p>Slack returns a thread oldest first: the parent, then the replies
 * ({@code messages}, {@code has_more}, {@code response_metadata.next_cursor}). A thread longer
 * than one page is followed page by page while the budget allows (at most {@value #MAX_PAGES}
 * pages); the parent and the newest replies read are kept.
 */
final class SlackThreadReader {
  private static final Logger log = LoggerFactory.getLogger(SlackThreadReader.class);
  static final int MAX_PAGES = 5;
  private static final int CAPACITY = 1_000;
  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  private final MethodsClient methods;
  private final SlackThreadReads limits;
  private final LongSupplier nanoTime;
  private final Map<String, Cached> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      return size() > CAPACITY;
    }
  });
  /** When the calls of the last minute were made, oldest first; guarded by {@code this}. */
  private final Deque<Long> recentCalls = new ArrayDeque<>();
  /** No call before this {@link System#nanoTime()} (a 429's Retry-After); guarded by {@code this}. */
  private long blockedUntil;
  private boolean blocked;

  private record Cached(Optional<List<Message>> messages, long until) {}

  SlackThreadReader(MethodsClient methods, SlackThreadReads limits) {
    this(methods, limits, System::nanoTime);
  }

  SlackThreadReader(MethodsClient methods, SlackThreadReads limits, LongSupplier nanoTime) {
    this.methods = Objects.requireNonNull(methods, "methods");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /**
   * The thread's messages, oldest first, from memory or from Slack; empty when it cannot be read
   * now. Blocks for at most the calls it makes; never throws.
   */
  Optional<List<Message>> replies(String channel, String threadTs) {
    if (!limits.enabled()) return Optional.empty();
    String key = channel + "/" + threadTs;
    Optional<List<Message>> cached = fresh(key);
    if (cached != null) return cached;
    synchronized (this) {
      cached = fresh(key);
      if (cached != null) return cached;
      Optional<List<Message>> read = read(channel, threadTs);
      cache.put(key, new Cached(read, nanoTime.getAsLong() + limits.cacheFor().toNanos()));
      return read;
    }
  }

  private Optional<List<Message>> fresh(String key) {
    Cached entry = cache.get(key);
    return entry != null && nanoTime.getAsLong() - entry.until() < 0 ? entry.messages() : null;
  }

  private Optional<List<Message>> read(String channel, String threadTs) {
    Message parent = null;
    Deque<Message> newest = new ArrayDeque<>();
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      if (!mayCall()) {
        if (page == 0) {
          log.info("slack thread not read: the conversations.replies budget is spent channel={} thread={} perMinute={}",
              channel, threadTs, limits.readsPerMinute());
          return Optional.empty();
        }
        break;
      }
      ConversationsRepliesResponse response;
      try {
        String pageCursor = cursor;
        response = SlackCalls.call("conversations.replies", () -> methods.conversationsReplies(r -> r
            .channel(channel).ts(threadTs).limit(limits.pageSize()).cursor(pageCursor)));
      } catch (SlackCallException e) {
        failed(channel, threadTs, e);
        if (page == 0) return Optional.empty();
        break;
      }
      List<Message> messages = Objects.requireNonNullElse(response.getMessages(), List.of());
      for (Message message : messages) {
        if (parent == null && threadTs.equals(message.getTs())) {
          parent = message;
          continue;
        }
        newest.addLast(message);
        if (newest.size() > limits.pageSize()) newest.removeFirst();
      }
      cursor = response.getResponseMetadata() == null ? null : response.getResponseMetadata().getNextCursor();
      if (!response.isHasMore() || cursor == null || cursor.isEmpty()) break;
    }
    List<Message> thread = new ArrayList<>();
    if (parent != null) thread.add(parent);
    thread.addAll(newest);
    return Optional.of(List.copyOf(thread));
  }

  /** Takes one call from the minute's budget, unless it is spent or a 429 asked to wait. */
  private boolean mayCall() {
    long now = nanoTime.getAsLong();
    if (blocked && now - blockedUntil < 0) return false;
    blocked = false;
    while (!recentCalls.isEmpty() && now - recentCalls.peekFirst() >= MINUTE) recentCalls.removeFirst();
    if (recentCalls.size() >= limits.readsPerMinute()) return false;
    recentCalls.addLast(now);
    return true;
  }

  private void failed(String channel, String threadTs, SlackCallException e) {
    if (e.rateLimited()) {
      blocked = true;
      blockedUntil = nanoTime.getAsLong() + e.retryAfter().toNanos();
      log.info("slack thread not read: rate limited channel={} thread={} retryAfter={}", channel, threadTs,
          e.retryAfter());
    } else if ("missing_scope".equals(e.error())) {
      log.warn("slack thread not read: the app lacks the scope to read history here; add {} and reinstall channel={}",
          historyScope(channel), channel);
    } else {
      log.info("slack thread not read: channel={} thread={} error={}", channel, threadTs, e.error());
    }
  }

  /**
   * The scope {@code conversations.replies} needs for a channel, by its id's prefix: C for public
   * channels, G for private channels and older group DMs, D for DMs.
   */
  static String historyScope(String channel) {
    if (channel.startsWith("D")) return "im:history";
    if (channel.startsWith("G")) return "groups:history (or mpim:history for a group DM)";
    return "channels:history";
  }
}
