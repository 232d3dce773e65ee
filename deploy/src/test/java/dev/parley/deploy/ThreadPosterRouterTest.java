package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.BotCore;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.ThreadPoster;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ThreadPosterRouterTest {
  private static final ConversationKey SLACK = new ConversationKey("slack", "T1", "C1", "1.2");
  private static final ConversationKey DISCORD = new ConversationKey("discord", "1", "2", "3");

  /** A platform whose poster appears once it started, like the real runners. */
  private static final class Platform implements PlatformRunner {
    final String name;
    final List<String> posted = new CopyOnWriteArrayList<>();
    volatile boolean started;

    Platform(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void start(BotCore core) {
      started = true;
    }

    @Override
    public void stop() {}

    @Override
    public void close() {}

    @Override
    public boolean isConnected() {
      return started;
    }

    @Override
    public Optional<ThreadPoster> threadPoster() {
      return started ? Optional.of((c, text, group) -> posted.add(c.thread() + "|" + text + "|" + group))
          : Optional.empty();
    }
  }

  @Test
  void eachPostGoesToThePlatformThatOwnsTheConversation() {
    Platform slack = new Platform("slack");
    Platform discord = new Platform("discord");
    ThreadPosterRouter router = new ThreadPosterRouter(List.of(slack, discord));
    slack.start(null);
    discord.start(null);

    router.post(SLACK, "to slack", "S0123");
    router.post(DISCORD, "to discord", null);

    assertThat(slack.posted).containsExactly("1.2|to slack|S0123");
    assertThat(discord.posted).containsExactly("3|to discord|null");
  }

  @Test
  void aPlatformNotStartedOrNotRunningRefusesThePostLikeThePlatformWould() {
    ThreadPosterRouter router = new ThreadPosterRouter(List.of(new Platform("slack")));

    assertThatThrownBy(() -> router.post(SLACK, "early", null))
        .isInstanceOf(ThreadPoster.ThreadPostException.class).hasMessageContaining("slack has not started");
    assertThatThrownBy(() -> router.post(DISCORD, "nowhere", null))
        .isInstanceOf(ThreadPoster.ThreadPostException.class).hasMessageContaining("no platform named discord");
  }
}
