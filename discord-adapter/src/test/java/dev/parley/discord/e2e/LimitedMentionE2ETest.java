package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.RequestLimit;
import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.internal.engine.InMemoryRequestLimiter;
import dev.parley.core.internal.engine.RequestLimits;
import dev.parley.core.internal.observe.EngineObserver;
import dev.parley.core.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A mention refused by the request limit is told so once, in the channel, without opening a thread. */
class LimitedMentionE2ETest {
  private final AtomicInteger suppressed = new AtomicInteger();
  private DiscordHarness harness;

  @BeforeEach
  void start() throws InterruptedException {
    ChannelSettings base = TestEngines.settings(false);
    ChannelSettings oneRequest = new ChannelSettings(base.systemPrompt(), base.model(), List.of(), false,
        base.enabledTools(), new RequestLimit(1, Duration.ofMinutes(10)), base.conversationLimit(),
        base.replyCadence());
    harness = DiscordHarness.start(builder -> builder.channelSettings(k -> oneRequest)
        .limiter(new InMemoryRequestLimiter(RequestLimits.from(k -> oneRequest)))
        .observer(new EngineObserver() {
          @Override
          public void noticeSuppressed(String platform, String kind) {
            suppressed.incrementAndGet();
          }
        }), AccessControl.open());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void limitedMentionsGetOneNoticeAsAReplyInTheChannelAndNoThread() {
    ObjectNode first = harness.say(CHANNEL_ID, GUILD_ID, "<@" + DiscordPayloads.BOT_ID + "> one", true);
    String firstId = first.get("id").asText();
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.botMessagesIn(firstId).stream()
        .anyMatch(m -> m.path("content").asText().equals("echo: one")));

    ObjectNode second = harness.say(CHANNEL_ID, GUILD_ID, "<@" + DiscordPayloads.BOT_ID + "> two", true);
    ObjectNode third = harness.say(CHANNEL_ID, GUILD_ID, "<@" + DiscordPayloads.BOT_ID + "> three", true);
    String secondId = second.get("id").asText();

    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.botMessagesIn(CHANNEL_ID).stream()
        .anyMatch(m -> m.path("content").asText().contains("reached the request limit")));
    await().atMost(DiscordHarness.WAIT).until(() -> suppressed.get() == 1);
    var notices = harness.discord.calls().stream()
        .filter(c -> c.is("POST", "channels/" + CHANNEL_ID + "/messages")).toList();
    assertThat(notices).singleElement().satisfies(call -> {
      assertThat(call.body().path("message_reference").path("message_id").asText()).isEqualTo(secondId);
      assertThat(call.body().path("allowed_mentions").path("replied_user").asBoolean(false)).isFalse();
    });
    assertThat(harness.discord.thread(secondId)).isNull();
    assertThat(harness.discord.thread(third.get("id").asText())).isNull();
    assertThat(harness.discord.calls()).filteredOn(c -> c.is("POST", "channels/\\d+/messages/\\d+/threads"))
        .hasSize(1);
    assertThat(harness.groq.completionCalls()).isEqualTo(1);
  }
}
