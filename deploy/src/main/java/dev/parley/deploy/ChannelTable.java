package dev.parley.deploy;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ChannelSettingsResolver;
import dev.parley.core.api.ConversationKey;
import java.util.Map;
import java.util.Objects;

/**
 * Per-channel settings from configuration. A conversation gets the entry of its channel scope
 * ({@code platform:tenant:channel}) if there is one, else the entry of its bare channel id, else
 * the defaults. Immutable, so lookups are thread-safe and free of I/O.
 */
record ChannelTable(ChannelSettings defaults, Map<String, ChannelSettings> channels)
    implements ChannelSettingsResolver {

  public ChannelTable {
    Objects.requireNonNull(defaults, "defaults");
    channels = Map.copyOf(channels);
  }

  @Override
  public ChannelSettings settingsFor(ConversationKey key) {
    ChannelSettings scoped = channels.get(key.channelScope());
    if (scoped != null) return scoped;
    return channels.getOrDefault(key.channel(), defaults);
  }
}
