package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.internal.access.AccessPolicy;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.internal.observe.EngineObserver;
import dev.parley.core.testing.TestEngines;
import dev.parley.discord.DiscordEventMapper;
import dev.parley.discord.e2e.InteractionPayloads.Place;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may use the bot, and who may stop or regenerate an answer, through JDA against the fake Discord. */
class AccessControlE2ETest {
  private static final String OTHER_CHANNEL = "1300000000000000099";
  private static final String STRANGER = "1500000000000000077";
  private static final String ADMIN = "1500000000000000088";
  private static final String LONG = "word ".repeat(600).strip();

  private final InMemoryHistoryStore history = new InMemoryHistoryStore();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private DiscordHarness harness;

  @BeforeEach
  void start() throws InterruptedException {
    EngineObserver observer = new EngineObserver() {
      @Override
      public void accessRefused(String platform, String reason) {
        refusals.add(platform + "/" + reason);
      }
    };
    AccessPolicy policy = new AccessPolicy(
        Map.of("discord", new AccessPolicy.Lists(Set.of(GUILD_ID), Set.of(CHANNEL_ID))),
        Set.of("discord:" + ADMIN), key -> TestEngines.settings(false));
    harness = DiscordHarness.start(builder -> builder.history(history), new AccessControl(policy, observer));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void anAllowListedChannelIsAnsweredAndAMentionInAnotherChannelOpensNoThreadAndStoresNothing() {
    ObjectNode other = DiscordPayloads.textChannel().put("id", OTHER_CHANNEL).put("name", "random");
    harness.discord.gateway().dispatch("CHANNEL_CREATE", other);
    await().atMost(DiscordHarness.WAIT).until(() -> harness.bot.clients().getFirst().getTextChannelById(OTHER_CHANNEL) != null);

    ObjectNode refused = harness.say(OTHER_CHANNEL, GUILD_ID, "<@" + DiscordPayloads.BOT_ID + "> hello?", true);
    await().atMost(DiscordHarness.WAIT).until(() -> refusals.size() == 1);
    ObjectNode answered = harness.say(CHANNEL_ID, GUILD_ID, "<@" + DiscordPayloads.BOT_ID + "> hello?", true);

    String threadId = answered.get("id").asText();
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.botMessagesIn(threadId).stream()
        .anyMatch(m -> m.path("content").asText().equals("echo: hello?")));
    assertThat(refusals).containsExactly("discord/channel");
    assertThat(harness.groq.completionCalls()).isEqualTo(1);
    String refusedId = refused.get("id").asText();
    assertThat(harness.discord.thread(refusedId)).isNull();
    assertThat(harness.discord.botMessagesIn(OTHER_CHANNEL)).isEmpty();
    assertThat(harness.discord.calls()).noneMatch(call -> call.toString().contains(OTHER_CHANNEL)
        || call.toString().contains(refusedId));
    assertThat(history.load(DiscordEventMapper.guildKey(GUILD_ID, OTHER_CHANNEL, refusedId))).isEmpty();
    await().atMost(DiscordHarness.WAIT).until(() ->
        history.load(DiscordEventMapper.guildKey(GUILD_ID, CHANNEL_ID, threadId)).size() == 2);
  }

  @Test
  void aRefusedSlashCommandGetsOneShortEphemeralNoticeAndASecondOneGetsNone() {
    ObjectNode first = InteractionPayloads.slashCommand(Snowflakes.now(), "ask", Place.dm(),
        InteractionPayloads.stringOption("prompt", "what is DNS?"));
    harness.discord.interact(first);
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.callback(first.get("id").asText()) != null);
    JsonNode notice = harness.discord.callback(first.get("id").asText());
    assertThat(notice.path("type").asInt()).isEqualTo(4);
    assertThat(notice.path("data").path("flags").asInt() & 64).isEqualTo(64);
    assertThat(notice.path("data").path("content").asText()).isEqualTo(AccessControl.NOT_ALLOWED);

    ObjectNode second = InteractionPayloads.slashCommand(Snowflakes.now(), "ask", Place.dm(),
        InteractionPayloads.stringOption("prompt", "what is DNS, then?"));
    harness.discord.interact(second);
    ObjectNode marker = InteractionPayloads.slashCommand(Snowflakes.now(), "model", Place.guildChannel());
    harness.discord.interact(marker);
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.callback(marker.get("id").asText()) != null);

    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
        .until(() -> harness.discord.callback(second.get("id").asText()) == null);
    assertThat(refusals).containsExactly("discord/workspace", "discord/workspace");
    assertThat(harness.groq.completionCalls()).isZero();
  }

  @Test
  void aStrangersStopIsRefusedPrivatelyAndTheAnswerGoesOnUntilTheAskerStopsIt() {
    String token = streamingAnswer();
    ObjectNode stranger = click(token, STRANGER);
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.callback(stranger.get("id").asText()) != null);
    JsonNode refusal = harness.discord.callback(stranger.get("id").asText());
    assertThat(refusal.path("type").asInt()).isEqualTo(4);
    assertThat(refusal.path("data").path("flags").asInt() & 64).isEqualTo(64);
    assertThat(refusal.path("data").path("content").asText()).isEqualTo(AccessControl.NOT_YOURS);
    int shown = original(token).path("content").asText().length();
    await().atMost(DiscordHarness.WAIT).until(() -> original(token).path("content").asText().length() > shown);
    assertThat(original(token).path("content").asText()).doesNotContain("Stopped.");

    click(token, DiscordPayloads.USER_ID);

    awaitStopped(token);
  }

  @Test
  void anAdminMayStopAnyonesAnswer() {
    String token = streamingAnswer();

    click(token, ADMIN);

    awaitStopped(token);
  }

  @Test
  void aPrivateAnswerStaysPrivateWhenRegeneratedAndOnlyItsAskerMayRegenerateIt() {
    ObjectNode ask = InteractionPayloads.slashCommand(Snowflakes.now(), "ask", Place.guildChannel(),
        InteractionPayloads.stringOption("prompt", "a secret question"), InteractionPayloads.booleanOption("private", true));
    harness.discord.interact(ask);
    harness.awaitOriginal(ask, "echo: a secret question");
    assertThat(harness.discord.callback(ask.get("id").asText()).path("data").path("flags").asInt() & 64).isEqualTo(64);
    String token = ask.get("token").asText();
    String regenerateId = original(token).findValue("custom_id").asText();
    assertThat(regenerateId).startsWith("parley:regen:");

    ObjectNode strangers = InteractionPayloads.button(Snowflakes.now(), regenerateId, Place.guildChannel(),
        original(token).deepCopy());
    strangers.with("member").set("user", DiscordPayloads.user(STRANGER, "eve", false));
    harness.discord.interact(strangers);
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.callback(strangers.get("id").asText()) != null);
    assertThat(harness.discord.callback(strangers.get("id").asText()).path("data").path("content").asText())
        .isEqualTo(AccessControl.NOT_YOURS);

    ObjectNode regenerate = InteractionPayloads.button(Snowflakes.now(), regenerateId, Place.guildChannel(),
        original(token).deepCopy());
    harness.discord.interact(regenerate);

    harness.awaitOriginal(regenerate, "echo: a secret question");
    JsonNode deferral = harness.discord.callback(regenerate.get("id").asText());
    assertThat(deferral.path("type").asInt()).isEqualTo(5);
    assertThat(deferral.path("data").path("flags").asInt() & 64).isEqualTo(64);
  }

  /** Asks for a long answer in the guild channel and waits until it streams; returns its token. */
  private String streamingAnswer() {
    harness.groq.enqueueAnswer(LONG, 3, Duration.ofMillis(60));
    ObjectNode interaction = harness.ask("Write a lot", Place.guildChannel());
    String token = interaction.get("token").asText();
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.hook(token).originalId != null
        && original(token).path("content").asText().startsWith("word"));
    return token;
  }

  /** {@code userId} clicks the Stop button under the answer. */
  private ObjectNode click(String token, String userId) {
    ObjectNode streaming = original(token).deepCopy();
    String stopId = streaming.findValue("custom_id").asText();
    assertThat(stopId).startsWith("parley:stop:");
    ObjectNode click = InteractionPayloads.button(Snowflakes.now(), stopId, Place.guildChannel(), streaming);
    click.with("member").set("user", DiscordPayloads.user(userId, "user-" + userId, false));
    harness.discord.interact(click);
    return click;
  }

  private void awaitStopped(String token) {
    await().atMost(DiscordHarness.WAIT).until(() -> original(token).findValue("custom_id") != null
        && original(token).findValue("custom_id").asText().startsWith("parley:regen:"));
    assertThat(original(token).path("content").asText()).contains("Stopped.").hasSizeLessThan(LONG.length());
  }

  private ObjectNode original(String token) {
    return harness.discord.message(harness.discord.hook(token).originalId);
  }
}
