package dev.parley.deploy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis is ready when it answers PING. Each PING is timed into {@code parley.redis.latency}, so
 * the probes that Kubernetes sends anyway double as a latency sample.
 */
final class RedisReadiness implements ReadinessCheck {
  private final UnifiedJedis redis;
  private final Timer latency;
  private final Timer failures;

  RedisReadiness(UnifiedJedis redis, MeterRegistry registry) {
    this.redis = redis;
    this.latency = Timer.builder("parley.redis.latency").description("Round trip of a Redis PING")
        .tag("outcome", "ok").register(registry);
    this.failures = Timer.builder("parley.redis.latency").description("Round trip of a Redis PING")
        .tag("outcome", "error").register(registry);
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public Optional<String> problem() {
    long start = System.nanoTime();
    try {
      String answer = redis.ping();
      latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
      return "PONG".equalsIgnoreCase(answer) ? Optional.empty() : Optional.of("unexpected answer to PING");
    } catch (RuntimeException e) {
      failures.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
      return Optional.of("no answer to PING (" + e.getClass().getSimpleName() + ")");
    }
  }
}
