package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.engine.ConversationLine;
import dev.parley.core.internal.engine.ConversationSettingsStore;
import dev.parley.core.internal.engine.TokenBudget;
import dev.parley.core.internal.engine.TurnSequencer;
import dev.parley.core.internal.handoff.HandoffStore;
import dev.parley.core.internal.history.HistoryStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * A ticket lock per conversation, shared by every bot instance, that survives crashed holders.
 *
 * <p>Three keys in the conversation's slot: {@code seq:next} (the last ticket handed out, by
 * {@code INCR}), {@code seq:serving} (the lowest ticket not yet finished) and {@code seq:alive}
 * (a sorted set of open tickets scored by the time their lease ends). A ticket is alive from
 * {@link #enqueue} on, not only while it runs: a lease-renewing heartbeat starts at once, so a
 * ticket waiting for its turn, or one taken on an event thread and not yet awaited, is never
 * mistaken for a dead one.
 *
 * <p>Waiting polls one script that advances {@code serving} past every earlier ticket that is no
 * longer alive (closed, given up after a timeout, or leased out because its process died), then
 * says whether the caller's turn has come. Because a dead ticket is only ever skipped inside that
 * atomic script, and a closed or timed-out ticket leaves the set, every ticket runs in number
 * order and none is skipped while its owner still renews it. Closing advances {@code serving}
 * only if it still equals the ticket (compare-and-set), so a holder whose lease ran out cannot
 * release a successor; {@link Ticket#stillHeld()} tells such a holder it has been fenced off.
 *
 * <p>Polling (20 ms doubling to 50 ms) rather than pub/sub: a turn takes seconds, so the wait is
 * a small part of it, polling needs no dedicated subscriber connection per instance, and a missed
 * notification can never leave a waiter asleep. Every script renews the keys' idle TTL, so a
 * conversation nobody waits on leaves nothing behind.
 */
public final class RedisTurnSequencer implements TurnSequencer, AutoCloseable {

  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(RedisTurnSequencer.class);
  private static final long FIRST_POLL_MS = 20;
  private static final long MAX_POLL_MS = 50;

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final Duration lease;
  private final Duration idleTtl;
  private final ScheduledExecutorService heartbeats;

  public RedisTurnSequencer(UnifiedJedis redis, String prefix) {
    this(redis, prefix, DEFAULT_LEASE);
  }

  /**
   * @param lease how long a ticket stays alive without a heartbeat; heartbeats come every third
   *     of it. A crashed holder delays its conversation by at most this long.
   */
  public RedisTurnSequencer(UnifiedJedis redis, String prefix, Duration lease) {
    if (lease.toMillis() < 30) throw new IllegalArgumentException("lease must be at least 30 ms");
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new RedisKeys(prefix);
    this.lease = lease;
    this.idleTtl = lease.multipliedBy(10).compareTo(Duration.ofMinutes(10)) > 0
        ? lease.multipliedBy(10) : Duration.ofMinutes(10);
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("parley-turn-leases").factory());
  }

  @Override
  public Ticket enqueue(ConversationKey key) {
    ensureOpen();
    List<String> lineKeys = lineKeys(key);
    return started(key, lineKeys, SequencerScripts.ENQUEUE.runForLong(redis, lineKeys, List.of(leaseMs(), idleMs())));
  }

  /**
   * One round trip per step of a turn when the history, the settings, the budget and the handoffs
   * are Redis stores on this client and prefix (as deploy wires them): {@link RedisConversationLine}.
   */
  @Override
  public ConversationLine lineWith(HistoryStore history, ConversationSettingsStore settings, TokenBudget budget,
      HandoffStore handoffs) {
    boolean budgetHere = budget == TokenBudget.UNLIMITED
        || budget instanceof RedisTokenBudget redisBudget && redisBudget.sameStore(redis, keys.prefix());
    boolean handoffsHere = handoffs == null
        || handoffs instanceof RedisHandoffStore redisHandoffs && redisHandoffs.sameStore(redis, keys.prefix());
    if (history instanceof RedisHistoryStore redisHistory && redisHistory.sameStore(redis, keys.prefix())
        && settings instanceof RedisConversationSettingsStore redisSettings
        && redisSettings.sameStore(redis, keys.prefix()) && budgetHere && handoffsHere) {
      return new RedisConversationLine(redis, this, redisHistory, budget instanceof RedisTokenBudget b ? b : null,
          (RedisHandoffStore) handoffs);
    }
    return TurnSequencer.super.lineWith(history, settings, budget, handoffs);
  }

  /** Call before taking a place: a closed sequencer renews no lease, so its place would lapse. */
  void ensureOpen() {
    if (heartbeats.isShutdown()) throw new IllegalStateException("the sequencer is closed");
  }

  /** The line's keys, in the order every sequencer script takes them: next, serving, alive. */
  List<String> lineKeys(ConversationKey key) {
    return List.of(keys.conversation(key, "seq:next"), keys.conversation(key, "seq:serving"),
        keys.conversation(key, "seq:alive"));
  }

  /** A ticket handed out as {@code number}, alive from now on: its heartbeat starts at once. */
  LeasedTicket started(ConversationKey key, List<String> lineKeys, long number) {
    LeasedTicket ticket = new LeasedTicket(key, lineKeys, number);
    ticket.startHeartbeat();
    return ticket;
  }

  /**
   * Stops renewing leases. Open tickets of this instance then lapse after one lease, exactly as
   * if the process had died; close tickets first for a clean hand-over.
   */
  @Override
  public void close() {
    heartbeats.shutdownNow();
  }

  String leaseMs() {
    return Long.toString(lease.toMillis());
  }

  String idleMs() {
    return Long.toString(idleTtl.toMillis());
  }

  /** A ticket of this sequencer; {@link RedisConversationLine} polls and ends it with its own scripts. */
  final class LeasedTicket implements Ticket {
    private final ConversationKey key;
    private final List<String> lineKeys;
    private final long number;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ScheduledFuture<?> heartbeat;

    LeasedTicket(ConversationKey key, List<String> lineKeys, long number) {
      this.key = key;
      this.lineKeys = lineKeys;
      this.number = number;
    }

    void startHeartbeat() {
      long every = Math.max(10, lease.toMillis() / 3);
      heartbeat = heartbeats.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void awaitTurn(Duration maxWait) throws InterruptedException, TimeoutException {
      await(maxWait, SequencerScripts.POLL, lineKeys, reply -> (Long) reply);
    }

    /**
     * Polls {@code poll} (a script with {@link SequencerScripts#POLL}'s logic, run on {@code keys}
     * and this ticket's arguments) until {@code state} of its reply is 1, and returns that reply.
     */
    Object await(Duration maxWait, RedisScript poll, List<String> keys,
        ToLongFunction<Object> state) throws InterruptedException, TimeoutException {
      long deadline = System.nanoTime() + maxWait.toNanos();
      long pause = FIRST_POLL_MS;
      while (true) {
        Object reply = poll.run(redis, keys, arguments());
        long now = state.applyAsLong(reply);
        if (now == 1) return reply;
        if (now == -1) {
          close();
          throw new TimeoutException("turn " + number + " of " + key + " lapsed before it came; its lease ran out");
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          close();
          throw new TimeoutException("turn " + number + " of " + key + " did not come within " + maxWait);
        }
        Thread.sleep(Math.min(pause, left));
        pause = Math.min(pause * 2, MAX_POLL_MS);
      }
    }

    @Override
    public boolean stillHeld() {
      return !closed.get() && run(SequencerScripts.STILL_HELD) == 1;
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) return;
      heartbeat.cancel(false);
      run(SequencerScripts.RELEASE);
    }

    /** Marks the ticket closed after a script of the caller's left the line for it. */
    void leftTheLine() {
      if (closed.compareAndSet(false, true)) heartbeat.cancel(false);
    }

    long number() {
      return number;
    }

    /** ARGV of the per-ticket scripts: the ticket, the lease, the idle TTL. */
    List<String> arguments() {
      return List.of(Long.toString(number), leaseMs(), idleMs());
    }

    private void renew() {
      try {
        if (run(SequencerScripts.RENEW) == 0) heartbeat.cancel(false);
      } catch (RuntimeException e) {
        // The next beat retries; a lease is three beats long, so one failed beat costs nothing.
        LOG.warn("could not renew turn lease conversation={} ticket={}", key, number, e);
      }
    }

    private long run(RedisScript script) {
      return script.runForLong(redis, lineKeys, arguments());
    }
  }
}
