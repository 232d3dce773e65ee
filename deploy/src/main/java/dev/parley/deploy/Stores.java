package dev.parley.deploy;

import dev.parley.core.api.ChannelSettingsResolver;
import dev.parley.core.api.InMemoryStreamCheckpoints;
import dev.parley.core.api.StreamCheckpoints;
import dev.parley.core.internal.engine.ConversationSettingsStore;
import dev.parley.core.internal.engine.EventDeduplicator;
import dev.parley.core.internal.engine.FeedbackStore;
import dev.parley.core.internal.engine.InMemoryConversationSettingsStore;
import dev.parley.core.internal.engine.InMemoryEventDeduplicator;
import dev.parley.core.internal.engine.InMemoryFeedbackStore;
import dev.parley.core.internal.engine.InMemoryRequestLimiter;
import dev.parley.core.internal.engine.InMemoryTokenBudget;
import dev.parley.core.internal.engine.InMemoryTurnSequencer;
import dev.parley.core.internal.engine.RequestLimiter;
import dev.parley.core.internal.engine.RequestLimits;
import dev.parley.core.internal.engine.StopBroadcast;
import dev.parley.core.internal.engine.TokenBudget;
import dev.parley.core.internal.engine.TurnSequencer;
import dev.parley.core.internal.handoff.HandoffStore;
import dev.parley.core.internal.handoff.InMemoryHandoffStore;
import dev.parley.core.internal.history.HistoryLimits;
import dev.parley.core.internal.history.HistoryStore;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.internal.redis.RedisConversationSettingsStore;
import dev.parley.core.internal.redis.RedisEventDeduplicator;
import dev.parley.core.internal.redis.RedisFeedbackStore;
import dev.parley.core.internal.redis.RedisHandoffStore;
import dev.parley.core.internal.redis.RedisHistoryStore;
import dev.parley.core.internal.redis.RedisRequestLimiter;
import dev.parley.core.internal.redis.RedisStatusDeliveries;
import dev.parley.core.internal.redis.RedisStopBroadcast;
import dev.parley.core.internal.redis.RedisStreamCheckpoints;
import dev.parley.core.internal.redis.RedisTicketQuota;
import dev.parley.core.internal.redis.RedisTicketStore;
import dev.parley.core.internal.redis.RedisTokenBudget;
import dev.parley.core.internal.redis.RedisTurnSequencer;
import dev.parley.core.internal.status.InMemoryStatusDeliveries;
import dev.parley.core.internal.status.StatusDeliveries;
import dev.parley.core.internal.tickets.InMemoryTicketQuota;
import dev.parley.core.internal.tickets.InMemoryTicketStore;
import dev.parley.core.internal.tickets.TicketBackends;
import dev.parley.core.internal.tickets.TicketIds;
import dev.parley.core.internal.tickets.TicketOrigins;
import dev.parley.core.internal.tickets.TicketQuota;
import dev.parley.core.internal.tickets.TicketStore;
import dev.parley.core.internal.tickets.TrackedTicketStore;
import java.time.Clock;
import redis.clients.jedis.UnifiedJedis;

/**
 * Every store the engine needs, chosen in one place: all in Redis, shared by every replica, or all
 * in this process. Mixing the two would break the guarantees across replicas (a deduplicator in
 * memory lets two replicas answer the same event), so there is no per-store choice.
 *
 * <p>Tickets are Parley's ledger (Redis or memory) with the channel's tracker behind it
 * ({@link TrackedTicketStore}); with every channel on {@code embedded} that is the store alone.
 */
record Stores(
    HistoryStore history,
    EventDeduplicator deduplicator,
    TurnSequencer sequencer,
    RequestLimiter limiter,
    ConversationSettingsStore conversationSettings,
    TicketStore tickets,
    TicketQuota ticketQuota,
    FeedbackStore feedback,
    StopBroadcast stops,
    TokenBudget tokenBudget,
    StreamCheckpoints streamCheckpoints,
    StatusDeliveries statusDeliveries,
    HandoffStore handoffs) {

  static Stores inMemory(ChannelSettingsResolver channels, String ticketPrefix, int ticketsPerUserPerDay,
      ParleyConfig.Bounds bounds) {
    return inMemory(channels, ticketPrefix, ticketsPerUserPerDay, bounds, TicketBackends.EMBEDDED);
  }

  static Stores inMemory(ChannelSettingsResolver channels, String ticketPrefix, int ticketsPerUserPerDay,
      ParleyConfig.Bounds bounds, TicketBackends trackers) {
    return new Stores(
        new InMemoryHistoryStore(historyLimits(bounds), InMemoryHistoryStore.DEFAULT_TTL, Clock.systemUTC()),
        new InMemoryEventDeduplicator(), new InMemoryTurnSequencer(),
        new InMemoryRequestLimiter(RequestLimits.from(channels)), new InMemoryConversationSettingsStore(),
        new TrackedTicketStore(new InMemoryTicketStore(new TicketIds(ticketPrefix), Clock.systemUTC()), trackers,
            Clock.systemUTC()),
        new InMemoryTicketQuota(ticketsPerUserPerDay, Clock.systemUTC()), new InMemoryFeedbackStore(),
        StopBroadcast.local(),
        bounds.tenantDailyTokens() == 0 ? TokenBudget.UNLIMITED
            : new InMemoryTokenBudget(bounds.tenantDailyTokens(), Clock.systemUTC()),
        new InMemoryStreamCheckpoints(), new InMemoryStatusDeliveries(Clock.systemUTC()),
        new InMemoryHandoffStore(Clock.systemUTC()));
  }

  /** Redis stores on {@code redis}, which the caller closes after the sequencer. */
  static Stores redis(UnifiedJedis redis, String prefix, ChannelSettingsResolver channels, String ticketPrefix,
      int ticketsPerUserPerDay, ParleyConfig.Bounds bounds) {
    return redis(redis, prefix, channels, ticketPrefix, ticketsPerUserPerDay, bounds, TicketBackends.EMBEDDED);
  }

  static Stores redis(UnifiedJedis redis, String prefix, ChannelSettingsResolver channels, String ticketPrefix,
      int ticketsPerUserPerDay, ParleyConfig.Bounds bounds, TicketBackends trackers) {
    return new Stores(new RedisHistoryStore(redis, prefix, historyLimits(bounds), RedisHistoryStore.DEFAULT_TTL),
        new RedisEventDeduplicator(redis, prefix),
        new RedisTurnSequencer(redis, prefix), new RedisRequestLimiter(redis, prefix, RequestLimits.from(channels)),
        new RedisConversationSettingsStore(redis, prefix),
        new TrackedTicketStore(new RedisTicketStore(redis, prefix, new TicketIds(ticketPrefix)), trackers, Clock.systemUTC()),
        new RedisTicketQuota(redis, prefix, ticketsPerUserPerDay, Clock.systemUTC()),
        new RedisFeedbackStore(redis, prefix), new RedisStopBroadcast(redis, prefix),
        bounds.tenantDailyTokens() == 0 ? TokenBudget.UNLIMITED
            : new RedisTokenBudget(redis, prefix, bounds.tenantDailyTokens(), Clock.systemUTC()),
        new RedisStreamCheckpoints(redis, prefix), new RedisStatusDeliveries(redis, prefix),
        new RedisHandoffStore(redis, prefix));
  }

  /** Finds the ticket Parley recorded for a tracker's issue, for status webhooks. */
  TicketOrigins ticketOrigins() {
    return (TicketOrigins) tickets;
  }

  private static HistoryLimits historyLimits(ParleyConfig.Bounds bounds) {
    return new HistoryLimits(HistoryLimits.DEFAULT_MAX_TURNS, bounds.historyMaxBytes());
  }

  /** Stops the stop subscription and the sequencer's lease heartbeats, if there are any. */
  void close() {
    stops.close();
    if (sequencer instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close the turn sequencer", e);
      }
    }
  }
}
