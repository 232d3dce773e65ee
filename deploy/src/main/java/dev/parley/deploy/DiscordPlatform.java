package dev.parley.deploy;

import dev.parley.core.api.BotCore;
import dev.parley.core.api.ThreadPoster;
import dev.parley.discord.DiscordBot;
import dev.parley.discord.DiscordSettings;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;

/** Discord as a platform: one gateway client, or this process's shards of a sharded bot. */
final class DiscordPlatform implements PlatformRunner {
  private final DiscordSettings settings;
  private volatile DiscordBot bot;

  DiscordPlatform(DiscordSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "discord";
  }

  /** Blocks until every guild of this process's shards is loaded and the commands are registered. */
  @Override
  public void start(BotCore core) {
    try {
      bot = DiscordBot.start(settings, core);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to Discord", e);
    }
  }

  /**
   * Nothing yet: a shard's events cannot go to another replica, and answers in flight edit their
   * messages through this connection, which stays open while they drain (JDA's own SIGTERM hook
   * is off, see {@link DiscordBot}). The engine refuses new events with a restart notice; the
   * connection closes in {@link #close()}, after the drain.
   */
  @Override
  public void stop() {}

  @Override
  public void close() {
    DiscordBot running = bot;
    bot = null;
    if (running != null) running.close();
  }

  @Override
  public Optional<ThreadPoster> threadPoster() {
    return Optional.ofNullable(bot).map(DiscordBot::threadPoster);
  }

  @Override
  public boolean isConnected() {
    DiscordBot running = bot;
    return running != null && running.clients().stream().allMatch(c -> c.getStatus() == JDA.Status.CONNECTED);
  }
}
