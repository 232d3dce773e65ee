package dev.parley.core.redis;

import dev.parley.core.tickets.NewTicket;
import dev.parley.core.tickets.Ticket;
import dev.parley.core.tickets.TicketIds;
import dev.parley.core.tickets.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Tickets in Redis, shared by every instance. All ticket keys sit in one slot
 * ({@code <prefix>{tickets}:...}): a counter, a hash of id to JSON, and one key per
 * idempotency key naming the ticket it created. Creation is a single Lua script that looks the
 * idempotency key up and, only if it is new, takes the next number, stores the ticket and the
 * mapping; Redis runs scripts one at a time, so concurrent calls with one key from any number
 * of instances create exactly one ticket. Tickets never expire; the idempotency mappings expire
 * after {@link #IDEMPOTENCY_TTL}, far beyond any platform or model retry. Thread-safe; the
 * client is owned by the caller.
 */
public final class RedisTicketStore implements TicketStore {

  public static final Duration IDEMPOTENCY_TTL = Duration.ofDays(30);

  // KEYS: counter, tickets hash, idempotency key. ARGV: id prefix, ticket JSON without id, ttl ms.
  private static final RedisScript CREATE = new RedisScript("""
      local id = redis.call('GET', KEYS[3])
      if id then
        return {id, redis.call('HGET', KEYS[2], id)}
      end
      id = ARGV[1] .. '-' .. redis.call('INCR', KEYS[1])
      redis.call('HSET', KEYS[2], id, ARGV[2])
      redis.call('SET', KEYS[3], id, 'PX', ARGV[3])
      return {id, ARGV[2]}
      """);

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final TicketIds ids;
  private final Clock clock;

  public RedisTicketStore(UnifiedJedis redis, String prefix, TicketIds ids) {
    this(redis, prefix, ids, Clock.systemUTC());
  }

  public RedisTicketStore(UnifiedJedis redis, String prefix, TicketIds ids, Clock clock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new RedisKeys(prefix);
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Ticket create(NewTicket ticket, String idempotencyKey) {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Ticket draft = TicketIds.open(ids.id(0), ticket, clock.instant());
    List<?> stored = (List<?>) CREATE.run(redis,
        List.of(keys.tagged("tickets", "counter"), ticketsKey(), keys.tagged("tickets", "by-key:" + idempotencyKey)),
        List.of(ids.prefix(), TicketJson.encodeWithoutId(draft), Long.toString(IDEMPOTENCY_TTL.toMillis())));
    return TicketJson.decode((String) stored.get(0), (String) stored.get(1));
  }

  @Override
  public Optional<Ticket> find(String id) {
    String normalized = TicketIds.normalize(id);
    return Optional.ofNullable(redis.hget(ticketsKey(), normalized)).map(json -> TicketJson.decode(normalized, json));
  }

  private String ticketsKey() {
    return keys.tagged("tickets", "all");
  }
}
