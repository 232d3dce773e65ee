package dev.parley.core.testing;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.RequestLimit;
import dev.parley.core.internal.engine.ConversationEngine;
import dev.parley.core.internal.engine.ConversationEngineBuilder;
import dev.parley.core.internal.engine.InMemoryConversationSettingsStore;
import dev.parley.core.internal.engine.InMemoryEventDeduplicator;
import dev.parley.core.internal.engine.InMemoryRequestLimiter;
import dev.parley.core.internal.engine.InMemoryTurnSequencer;
import dev.parley.core.internal.engine.RequestLimits;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.internal.llm.groq.GroqChatModel;
import dev.parley.core.internal.llm.groq.GroqConfig;
import dev.parley.core.internal.redis.RedisConversationSettingsStore;
import dev.parley.core.internal.redis.RedisEventDeduplicator;
import dev.parley.core.internal.redis.RedisFeedbackStore;
import dev.parley.core.internal.redis.RedisHistoryStore;
import dev.parley.core.internal.redis.RedisRequestLimiter;
import dev.parley.core.internal.redis.RedisStopBroadcast;
import dev.parley.core.internal.redis.RedisTicketStore;
import dev.parley.core.internal.redis.RedisTurnSequencer;
import dev.parley.core.internal.tickets.CreateTicketTool;
import dev.parley.core.internal.tickets.InMemoryTicketStore;
import dev.parley.core.internal.tickets.LookupTicketTool;
import dev.parley.core.internal.tickets.TicketIds;
import dev.parley.core.internal.tickets.TicketStore;
import dev.parley.core.internal.tools.ToolRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Real engines for tests of the engine and of the adapters: the real Groq client pointed at a
 * {@link FakeGroq}, and either the in-memory stores or the Redis stores under a test prefix.
 */
public final class TestEngines {
  public static final String MODEL = "llama-3.3-70b-versatile";

  private TestEngines() {}

  /** Channel settings for tests: both ticket tools enabled, no limits, a fast cadence. */
  public static ChannelSettings settings(boolean supportChannel) {
    return new ChannelSettings("You are Parley, a helpful assistant.", MODEL, List.of(), supportChannel,
        Set.of(CreateTicketTool.NAME, LookupTicketTool.NAME), RequestLimit.UNLIMITED,
        RequestLimit.UNLIMITED, Duration.ofMillis(50));
  }

  /** The real Groq client with short timeouts and fast retries. */
  public static GroqChatModel groq(String baseUrl) {
    return new GroqChatModel(GroqConfig.defaults(FakeGroq.API_KEY).withBaseUrl(baseUrl)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(5))
        .withRetries(3, Duration.ofMillis(50), Duration.ofSeconds(2)));
  }

  /** An engine on in-memory stores, ready to build or to adjust. */
  public static ConversationEngineBuilder inMemoryBuilder(String groqBaseUrl) {
    TicketStore tickets = new InMemoryTicketStore();
    return ConversationEngine.builder()
        .chatModel(groq(groqBaseUrl))
        .history(new InMemoryHistoryStore())
        .deduplicator(new InMemoryEventDeduplicator())
        .sequencer(new InMemoryTurnSequencer())
        .limiter(new InMemoryRequestLimiter(RequestLimits.from(key -> settings(false))))
        .conversationSettings(new InMemoryConversationSettingsStore())
        .channelSettings(key -> settings(false))
        .tools(new ToolRegistry(List.of(new CreateTicketTool(tickets), new LookupTicketTool(tickets))))
        .tickets(tickets);
  }

  public static ConversationEngine inMemory(String groqBaseUrl) {
    return inMemoryBuilder(groqBaseUrl).build();
  }

  /**
   * An engine on the Redis stores under {@code keyPrefix}. Engines built with the same client and
   * prefix behave like bot instances sharing one Redis. The caller deletes the prefix's keys.
   */
  public static ConversationEngineBuilder redisBuilder(String groqBaseUrl, UnifiedJedis redis, String keyPrefix) {
    TicketStore tickets = new RedisTicketStore(redis, keyPrefix, TicketIds.DEFAULT);
    return ConversationEngine.builder()
        .chatModel(groq(groqBaseUrl))
        .history(new RedisHistoryStore(redis, keyPrefix))
        .deduplicator(new RedisEventDeduplicator(redis, keyPrefix))
        .sequencer(new RedisTurnSequencer(redis, keyPrefix))
        .limiter(new RedisRequestLimiter(redis, keyPrefix, RequestLimits.from(key -> settings(false))))
        .conversationSettings(new RedisConversationSettingsStore(redis, keyPrefix))
        .channelSettings(key -> settings(false))
        .tools(new ToolRegistry(List.of(new CreateTicketTool(tickets), new LookupTicketTool(tickets))))
        .tickets(tickets)
        .feedback(new RedisFeedbackStore(redis, keyPrefix))
        .stops(new RedisStopBroadcast(redis, keyPrefix));
  }

  public static ConversationEngine redis(String groqBaseUrl, UnifiedJedis redis, String keyPrefix) {
    return redisBuilder(groqBaseUrl, redis, keyPrefix).build();
  }

  /** An engine on the Redis at 127.0.0.1:6379, with a client of its own that lives as long as the JVM. */
  public static ConversationEngine redis(String groqBaseUrl, String keyPrefix) {
    return redis(groqBaseUrl, RedisClient.create("127.0.0.1", 6379), keyPrefix);
  }
}
