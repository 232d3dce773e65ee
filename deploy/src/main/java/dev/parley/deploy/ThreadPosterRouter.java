package dev.parley.deploy;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.ThreadPoster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The core's one {@link ThreadPoster}: hands each post to the platform that owns the conversation
 * ({@link ConversationKey#platform()}), once that platform has started. Made before the platforms
 * start, because the engine, which they need, takes it; a post for a platform that is not running
 * (not configured, or not yet connected) fails like any refused post. Thread-safe.
 */
final class ThreadPosterRouter implements ThreadPoster {
  private final Map<String, PlatformRunner> platforms = new LinkedHashMap<>();

  ThreadPosterRouter(List<PlatformRunner> runners) {
    runners.forEach(runner -> platforms.put(runner.name(), runner));
  }

  @Override
  public void post(ConversationKey conversation, String text, String onCallGroupId) {
    PlatformRunner platform = platforms.get(conversation.platform());
    if (platform == null) {
      throw new ThreadPostException("no platform named " + conversation.platform() + " runs here", null);
    }
    ThreadPoster poster = platform.threadPoster()
        .orElseThrow(() -> new ThreadPostException(platform.name() + " has not started", null));
    poster.post(conversation, text, onCallGroupId);
  }
}
