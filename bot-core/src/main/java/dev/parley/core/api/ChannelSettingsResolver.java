package dev.parley.core.api;


/** Finds the settings that apply to a conversation's channel. Thread-safe and fast (no I/O). */
@FunctionalInterface
public interface ChannelSettingsResolver {
  ChannelSettings settingsFor(ConversationKey key);
}
