package dev.parley.discord.e2e;

import java.time.Instant;

/**
 * What the fake Discord's rate limits recorded, for the load benchmark (same package as the fake,
 * which keeps its limits package-private for its own tests).
 */
public final class FakeDiscordLimits {
  private FakeDiscordLimits() {}

  /**
   * Requests that arrived before the {@code Retry-After} of a 429 for their bucket had passed
   * (after a global 429, any request bound by the global limit), from {@code from} on: the fake
   * knows each wait exactly, so this counts a client that did not wait, and never one that waited
   * and met a fresh limit.
   */
  public static long unhonouredSince(FakeDiscord discord, Instant from) {
    return discord.rateLimits().unhonoured().stream().filter(u -> !u.at().isBefore(from)).count();
  }
}
