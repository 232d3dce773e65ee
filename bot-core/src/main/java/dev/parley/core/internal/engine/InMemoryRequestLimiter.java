package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.RequestLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Fixed-window request limits kept in this process, with the same rules as the Redis limiter: a
 * window starts at its first request, and a denied request counts against neither limit, so a
 * user turned away by a busy conversation keeps their own budget. Thread-safe.
 */
public final class InMemoryRequestLimiter implements RequestLimiter {

  private record Window(int count, Instant endsAt) {}

  private final Map<String, Window> windows = new HashMap<>();
  private final Function<ConversationKey, RequestLimits> limits;
  private final Clock clock;

  public InMemoryRequestLimiter(Function<ConversationKey, RequestLimits> limits) {
    this(limits, Clock.systemUTC());
  }

  public InMemoryRequestLimiter(Function<ConversationKey, RequestLimits> limits, Clock clock) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Decision tryAcquire(String userId, ConversationKey key) {
    Objects.requireNonNull(userId, "userId");
    RequestLimits applied = limits.apply(key);
    Instant now = clock.instant();
    windows.values().removeIf(window -> !window.endsAt().isAfter(now));
    String userCounter = userCounter(userId, key);
    String conversationCounter = conversationCounter(key);
    Decision user = check(userCounter, applied.perUser(), "user", now);
    if (!user.allowed()) return user;
    Decision conversation = check(conversationCounter, applied.perConversation(), "conversation", now);
    if (!conversation.allowed()) return conversation;
    count(userCounter, applied.perUser(), now);
    count(conversationCounter, applied.perConversation(), now);
    return Decision.ALLOWED;
  }

  @Override
  public synchronized void giveBack(String userId, ConversationKey key) {
    Objects.requireNonNull(userId, "userId");
    Instant now = clock.instant();
    for (String counter : List.of(userCounter(userId, key), conversationCounter(key))) {
      windows.computeIfPresent(counter, (name, window) -> window.endsAt().isAfter(now) && window.count() > 0
          ? new Window(window.count() - 1, window.endsAt()) : window);
    }
  }

  private static String userCounter(String userId, ConversationKey key) {
    return "user:" + key.tenantScope() + ":" + userId;
  }

  private static String conversationCounter(ConversationKey key) {
    return "conversation:" + key.asString();
  }

  private Decision check(String counter, RequestLimit limit, String scope, Instant now) {
    Window window = windows.get(counter);
    if (limit.maxRequests() == 0 || window == null || window.count() < limit.maxRequests()) {
      return Decision.ALLOWED;
    }
    return Decision.denied(scope, Duration.between(now, window.endsAt()));
  }

  private void count(String counter, RequestLimit limit, Instant now) {
    if (limit.maxRequests() == 0) return;
    windows.merge(counter, new Window(1, now.plus(limit.window())),
        (old, fresh) -> new Window(old.count() + 1, old.endsAt()));
  }
}
