package dev.parley.benchmarks.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The bot's resources over one measured run, whatever the platform: CPU time, peak live threads,
 * peak heap after GC, and Redis commands net of the idle rate counted just before.
 */
final class BotMeter {
  /** Redis commands counted while the bot was idle, to subtract a shared server's other traffic. */
  record Idle(Map<String, Long> calls, double seconds) {
    static Idle count(RedisCommands redis, Duration window) throws InterruptedException {
      Map<String, Long> start = redis.snapshot();
      long from = System.nanoTime();
      Thread.sleep(window.toMillis());
      Map<String, Long> end = redis.snapshot();
      return new Idle(RedisCommands.difference(start, end), (System.nanoTime() - from) / 1e9);
    }
  }

  /** What the run cost the bot. */
  record Measured(double seconds, double cpuSeconds, int peakThreads, int peakHeapAfterGcMb, RedisUse redis) {}

  private final BotProcess bot;
  private final RedisCommands redis;
  private final AtomicInteger peakThreads = new AtomicInteger();
  private final int gcMark;
  private final Map<String, Long> redisBefore;
  private final double cpuBefore;
  private final long start;
  private final Thread sampler;
  private volatile boolean running = true;

  /** Starts measuring now. */
  BotMeter(BotProcess bot, RedisCommands redis) {
    this.bot = bot;
    this.redis = redis;
    this.sampler = Thread.ofVirtual().start(() -> {
      while (running && bot.isAlive()) {
        peakThreads.accumulateAndGet(bot.threads(), Math::max);
        LockSupport.parkNanos(250_000_000L);
      }
    });
    this.gcMark = bot.gcLogLines();
    this.redisBefore = redis.snapshot();
    this.cpuBefore = bot.cpuSeconds();
    this.start = System.nanoTime();
  }

  /** Stops measuring; {@code turns} answering turns happened meanwhile. */
  Measured stop(int turns, Idle idle) throws InterruptedException {
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = bot.cpuSeconds() - cpuBefore;
    Map<String, Long> redisAfter = redis.snapshot();
    running = false;
    sampler.join();
    return new Measured(seconds, cpu, peakThreads.get(), bot.peakHeapAfterGcMb(gcMark),
        RedisUse.of(idle.calls(), idle.seconds(), RedisCommands.difference(redisBefore, redisAfter), seconds, turns));
  }
}
