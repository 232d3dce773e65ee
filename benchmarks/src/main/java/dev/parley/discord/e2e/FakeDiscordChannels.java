package dev.parley.discord.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The load benchmark's one addition to the adapter's fake Discord, kept in the benchmark module
 * (same package, so the fake itself stays as its tests have it): channels beyond the fake guild's
 * two, announced with CHANNEL_CREATE as Discord announces a new channel.
 */
public final class FakeDiscordChannels {
  private FakeDiscordChannels() {}

  /** Dispatches CHANNEL_CREATE for {@code channel} (a guild text channel object). */
  public static void create(FakeDiscord discord, ObjectNode channel) {
    discord.gateway().dispatch("CHANNEL_CREATE", channel);
  }
}
