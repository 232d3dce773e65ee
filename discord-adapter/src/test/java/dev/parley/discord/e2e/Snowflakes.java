package dev.parley.discord.e2e;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Discord ids of the current time. JDA derives an interaction token's 15-minute expiry from the
 * interaction's id, so an id from the past makes every later edit fail locally.
 */
public final class Snowflakes {
  static final long DISCORD_EPOCH = 1_420_070_400_000L;
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private Snowflakes() {}

  public static String now() {
    return at(Instant.now());
  }

  static String at(Instant instant) {
    return Long.toString(((instant.toEpochMilli() - DISCORD_EPOCH) << 22) | (SEQUENCE.incrementAndGet() & 0xFFF));
  }

  public static Instant timeOf(String id) {
    return Instant.ofEpochMilli((Long.parseLong(id) >> 22) + DISCORD_EPOCH);
  }
}
