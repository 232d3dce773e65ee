package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.tickets.TicketIds;
import dev.parley.core.internal.tickets.TicketLedger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Tickets in Redis, shared by every instance, per tenant. All keys of one tenant's tickets share
 * the tenant's Cluster hash tag ({@code <prefix>{slack:T1}:tickets:...}, the tag of the tenant's
 * limiter counters too): a counter, a hash of id to JSON, and one key per idempotency key (hashed,
 * so a model's odd call id cannot grow a key) naming the ticket it created. Creation is a single
 * Lua script that looks the idempotency key up and, only if it is new, takes the tenant's next
 * number, stores the ticket and the mapping; Redis runs scripts one at a time, so concurrent calls
 * with one key from any number of instances create exactly one ticket. Tickets never expire; the
 * idempotency mappings expire after {@link #IDEMPOTENCY_TTL}, far beyond any platform or model
 * retry. Thread-safe; the client is owned by the caller.
 *
 * <p><b>Tickets from before tenants</b> live in the legacy layout: {@code <prefix>{tickets}:all},
 * numbered by the global {@code <prefix>{tickets}:counter}, each with its conversation (and so its
 * tenant) inside its JSON. They are read, never written: a lookup that misses in the tenant falls
 * back to the legacy hash and returns the ticket only if its stored tenant is the asker's, so it
 * answers a ticket of another tenant exactly like a missing one. Every tenant's new numbers start
 * above the legacy counter, so no id is ever given twice within a tenant.
 *
 * <p><b>As a {@link TicketLedger}</b> for a tracker, it also keeps, in the tenant's slot, a list of
 * the ids made from each thread (pushed by the creating script), a claim key while one instance
 * calls the tracker, and the time of the first tracker call; and, in a slot of its own
 * ({@code <prefix>{tickets-external}:by-external}), the global index from a tracker's id to the
 * tenant and ticket, which status webhooks use. The index is written after the ticket's JSON, so a
 * crash between the two leaves a ticket that the retry records again.
 */
public final class RedisTicketStore implements TicketLedger {

  public static final Duration IDEMPOTENCY_TTL = Duration.ofDays(30);
  static final String LEGACY_TAG = "tickets";
  private static final String LEGACY_SHARED_DM_TENANT = "discord:dm";

  static final String EXTERNAL_TAG = "tickets-external";

  // KEYS: counter, tickets hash, idempotency key, the thread's id list. ARGV: id prefix, ticket JSON without id, ttl ms,
  // the legacy counter (every number up to it may be a ticket from before tenants, so none is reused).
  private static final RedisScript CREATE = new RedisScript("""
      local id = redis.call('GET', KEYS[3])
      if id then
        return {id, redis.call('HGET', KEYS[2], id)}
      end
      local number = redis.call('INCR', KEYS[1])
      local floor = tonumber(ARGV[4])
      if number <= floor then
        number = floor + 1
        redis.call('SET', KEYS[1], number)
      end
      id = ARGV[1] .. '-' .. number
      redis.call('HSET', KEYS[2], id, ARGV[2])
      redis.call('SET', KEYS[3], id, 'PX', ARGV[3])
      redis.call('RPUSH', KEYS[4], id)
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
    String tenant = ticket.conversation().tenantScope();
    Ticket draft = TicketIds.open(ids.id(0), ticket, clock.instant());
    // Another slot than the tenant's, so read before the script; the legacy counter no longer moves.
    String legacyCounter = redis.get(keys.tagged(LEGACY_TAG, "counter"));
    List<?> stored = (List<?>) CREATE.run(redis,
        List.of(keys.tagged(tenant, "tickets:counter"), keys.tagged(tenant, "tickets:all"),
            keys.tagged(tenant, "tickets:by-key:" + sha256(idempotencyKey)), threadKey(ticket.conversation())),
        List.of(ids.prefix(), TicketJson.encodeWithoutId(draft), Long.toString(IDEMPOTENCY_TTL.toMillis()),
            legacyCounter == null ? "0" : legacyCounter));
    return TicketJson.decode((String) stored.get(0), (String) stored.get(1));
  }

  @Override
  public Optional<Ticket> find(String tenantScope, String id) {
    Objects.requireNonNull(tenantScope, "tenantScope");
    String normalized = TicketIds.normalize(id);
    String json = redis.hget(keys.tagged(tenantScope, "tickets:all"), normalized);
    if (json != null) return Optional.of(TicketJson.decode(normalized, json));
    String legacy = redis.hget(keys.tagged(LEGACY_TAG, "all"), normalized);
    if (legacy == null) return Optional.empty();
    Ticket ticket = TicketJson.decode(normalized, legacy);
    return ownsLegacy(tenantScope, ticket) ? Optional.of(ticket) : Optional.empty();
  }

  @Override
  public Optional<Ticket> findByKey(String tenantScope, String idempotencyKey) {
    String id = redis.get(keys.tagged(tenantScope, "tickets:by-key:" + sha256(idempotencyKey)));
    return id == null ? Optional.empty() : find(tenantScope, id);
  }

  @Override
  public boolean tryClaim(Ticket ticket, Duration lease) {
    return "OK".equals(redis.set(ticketKey(ticket, "claim"), "1", SetParams.setParams().nx().px(lease.toMillis())));
  }

  @Override
  public void release(Ticket ticket) {
    redis.del(ticketKey(ticket, "claim"));
  }

  @Override
  public Optional<Instant> earlierAttempt(Ticket ticket, Instant now) {
    String key = ticketKey(ticket, "first-attempt");
    if ("OK".equals(redis.set(key, Long.toString(now.toEpochMilli()),
        SetParams.setParams().nx().px(IDEMPOTENCY_TTL.toMillis())))) {
      return Optional.empty();
    }
    String stored = redis.get(key);
    return stored == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(stored)));
  }

  @Override
  public void forgetAttempt(Ticket ticket) {
    redis.del(ticketKey(ticket, "first-attempt"));
  }

  @Override
  public Ticket recordExternal(Ticket ticket, String backend, String externalId, String externalUrl) {
    Ticket recorded = ticket.withExternal(backend, externalId, externalUrl);
    String tenant = ticket.conversation().tenantScope();
    redis.hset(keys.tagged(tenant, "tickets:all"), ticket.id(), TicketJson.encodeWithoutId(recorded));
    redis.hset(keys.tagged(EXTERNAL_TAG, "by-external"), backend + "|" + externalId, tenant + "|" + ticket.id());
    return recorded;
  }

  @Override
  public List<Ticket> fromThread(ConversationKey thread, int limit) {
    List<String> ids = redis.lrange(threadKey(thread), -limit, -1);
    List<Ticket> tickets = new ArrayList<>();
    for (int i = ids.size() - 1; i >= 0; i--) find(thread.tenantScope(), ids.get(i)).ifPresent(tickets::add);
    return tickets;
  }

  @Override
  public Optional<Ticket> findByExternal(String backend, String externalId) {
    String owner = redis.hget(keys.tagged(EXTERNAL_TAG, "by-external"), backend + "|" + externalId);
    if (owner == null) return Optional.empty();
    int bar = owner.lastIndexOf('|');
    return find(owner.substring(0, bar), owner.substring(bar + 1));
  }

  private String threadKey(ConversationKey thread) {
    return keys.tagged(thread.tenantScope(), "tickets:thread:" + thread.channel() + ":" + thread.thread());
  }

  private String ticketKey(Ticket ticket, String what) {
    return keys.tagged(ticket.conversation().tenantScope(), "tickets:" + what + ":" + ticket.id());
  }

  /**
   * Whether a ticket from before tenants belongs to {@code tenantScope}: its stored tenant, except
   * that all Discord DMs then shared the tenant {@code dm}; such a ticket now belongs to the DM
   * tenant of the user who filed it, {@code dm-<reporter>}, and to no one else.
   */
  private static boolean ownsLegacy(String tenantScope, Ticket ticket) {
    String stored = ticket.conversation().tenantScope();
    if (stored.equals(tenantScope)) return true;
    return stored.equals(LEGACY_SHARED_DM_TENANT)
        && tenantScope.equals(LEGACY_SHARED_DM_TENANT + "-" + ticket.reporterId());
  }

  private static String sha256(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }
}
