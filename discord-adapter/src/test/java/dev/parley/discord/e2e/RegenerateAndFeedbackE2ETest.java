package dev.parley.discord.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.internal.engine.ConversationEngineBuilder;
import dev.parley.core.internal.engine.InMemoryFeedbackStore;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.internal.redis.RedisEventDeduplicator;
import dev.parley.core.internal.redis.RedisHistoryStore;
import dev.parley.core.internal.redis.RedisStopBroadcast;
import dev.parley.core.internal.redis.RedisTurnSequencer;
import dev.parley.core.internal.redis.TestRedis;
import dev.parley.discord.DiscordEventMapper;
import dev.parley.discord.e2e.InteractionPayloads.Place;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The buttons of a finished answer, through JDA against the fake Discord: Regenerate, which the
 * core answers from the stored history (so it works after a restart, on an instance that never
 * saw the question), and the thumbs, which store feedback.
 */
class RegenerateAndFeedbackE2ETest {
  private static final String STRANGER = "1500000000000000077";

  private final TestRedis redis = new TestRedis();
  private final RedisHistoryStore history = new RedisHistoryStore(redis.client(), redis.prefix());
  private final InMemoryFeedbackStore feedback = new InMemoryFeedbackStore();
  private DiscordHarness harness;

  /** An engine whose conversations live in Redis: what a restarted or another instance shares. */
  private final UnaryOperator<ConversationEngineBuilder> onRedis = builder -> builder
      .history(new RedisHistoryStore(redis.client(), redis.prefix()))
      .deduplicator(new RedisEventDeduplicator(redis.client(), redis.prefix()))
      .sequencer(new RedisTurnSequencer(redis.client(), redis.prefix()))
      .stops(new RedisStopBroadcast(redis.client(), redis.prefix()))
      .feedback(feedback);

  @BeforeEach
  void start() throws InterruptedException {
    harness = DiscordHarness.start(UnaryOperator.identity(), onRedis);
  }

  @AfterEach
  void stop() {
    try {
      harness.close();
    } finally {
      redis.close();
    }
  }

  @Test
  void afterARestartRegenerateAnswersTheStoredQuestionAgainAndAsksItOnce() throws InterruptedException {
    harness.groq.enqueueAnswer("a poor answer");
    ObjectNode ask = harness.ask("what is DNS?", Place.guildChannel());
    String answerId = harness.awaitOriginal(ask, "a poor answer");
    JsonNode answer = awaitFinished(answerId);
    harness.groq.drainRequests();

    harness.restart(onRedis);
    ObjectNode regenerate = click(answer, "parley:regen:", DiscordPayloads.USER_ID);

    harness.awaitOriginal(regenerate, "echo: what is DNS?");
    JsonNode request = harness.awaitGroqRequestFor("what is DNS?");
    List<String> questions = new ArrayList<>();
    request.path("messages").forEach(m -> {
      if (m.path("role").asText().equals("user")) questions.add(m.path("content").asText());
    });
    assertThat(questions).containsExactly("what is DNS?");
    assertThat(request.path("messages").toString()).doesNotContain("a poor answer");
    assertThat(harness.discord.callback(regenerate.get("id").asText()).path("type").asInt()).isEqualTo(5);
    ConversationKey key = DiscordEventMapper.guildKey(DiscordPayloads.GUILD_ID, DiscordPayloads.CHANNEL_ID, answerId);
    await().atMost(DiscordHarness.WAIT).until(() -> history.load(key).size() == 2
        && history.load(key).get(1).content().equals("echo: what is DNS?"));
    assertThat(history.load(key)).extracting(Turn::content).containsExactly("what is DNS?", "echo: what is DNS?");
  }

  @Test
  void afterARestartOnlyTheAskerMayRegenerateAndAStrangerIsToldPrivately() throws InterruptedException {
    ObjectNode ask = harness.ask("what is DNS?", Place.guildChannel());
    JsonNode answer = awaitFinished(harness.awaitOriginal(ask, "echo: what is DNS?"));
    harness.restart(onRedis);

    ObjectNode strangers = click(answer, "parley:regen:", STRANGER);

    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.callback(strangers.get("id").asText()) != null);
    JsonNode refusal = harness.discord.callback(strangers.get("id").asText());
    assertThat(refusal.path("type").asInt()).isEqualTo(4);
    assertThat(refusal.path("data").path("flags").asInt() & 64).isEqualTo(64);
    assertThat(refusal.path("data").path("content").asText()).isEqualTo(AccessControl.NOT_YOURS);
    assertThat(harness.groq.completionCalls()).isEqualTo(1);
  }

  @Test
  void regeneratingAFinishedAnswerWhoseHistoryIsGoneSaysSoAndAsksNothing() {
    ObjectNode ask = harness.ask("what is DNS?", Place.guildChannel());
    String answerId = harness.awaitOriginal(ask, "echo: what is DNS?");
    JsonNode answer = awaitFinished(answerId);
    history.clear(DiscordEventMapper.guildKey(DiscordPayloads.GUILD_ID, DiscordPayloads.CHANNEL_ID, answerId));

    ObjectNode regenerate = click(answer, "parley:regen:", DiscordPayloads.USER_ID);

    String token = regenerate.get("token").asText();
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.hook(token).originalId != null
        && harness.discord.message(harness.discord.hook(token).originalId).path("content").asText()
            .contains("There is no earlier question here to answer again"));
    assertThat(harness.groq.completionCalls()).isEqualTo(1);
  }

  @Test
  void theThumbsUnderAFinishedAnswerStoreTheVoteAndThankThePersonPrivately() throws InterruptedException {
    ObjectNode ask = harness.ask("what is DNS?", Place.guildChannel());
    String answerId = harness.awaitOriginal(ask, "echo: what is DNS?");
    JsonNode answer = awaitFinished(answerId);
    assertThat(answer.findValuesAsText("custom_id")).hasSize(3);

    ObjectNode down = click(answer, "parley:down:", STRANGER);

    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.callback(down.get("id").asText()) != null);
    JsonNode thanks = harness.discord.callback(down.get("id").asText());
    assertThat(thanks.path("type").asInt()).isEqualTo(4);
    assertThat(thanks.path("data").path("flags").asInt() & 64).isEqualTo(64);
    ConversationKey key = DiscordEventMapper.guildKey(DiscordPayloads.GUILD_ID, DiscordPayloads.CHANNEL_ID, answerId);
    assertThat(feedback.list(key)).singleElement().satisfies(vote -> {
      assertThat(vote.replyId()).isEqualTo(answerId);
      assertThat(vote.userId()).isEqualTo(STRANGER);
      assertThat(vote.positive()).isFalse();
    });
    ObjectNode up = click(answer, "parley:up:", DiscordPayloads.USER_ID);
    await().atMost(DiscordHarness.WAIT).until(() -> feedback.list(key).size() == 2);
    assertThat(feedback.list(key)).filteredOn(vote -> vote.userId().equals(DiscordPayloads.USER_ID))
        .singleElement().satisfies(vote -> assertThat(vote.positive()).isTrue());
    assertThat(harness.discord.callback(up.get("id").asText())).isNotNull();
  }

  /** Waits until the message shows the finished answer's buttons; returns the message. */
  private JsonNode awaitFinished(String messageId) {
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.message(messageId).findValuesAsText("custom_id")
        .stream().anyMatch(id -> id.startsWith("parley:regen:")));
    return harness.discord.message(messageId).deepCopy();
  }

  /** {@code userId} clicks the answer's button whose custom id starts with {@code prefix}. */
  private ObjectNode click(JsonNode answer, String prefix, String userId) {
    String customId = answer.findValuesAsText("custom_id").stream().filter(id -> id.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no button " + prefix + " in " + answer));
    ObjectNode click = InteractionPayloads.button(Snowflakes.now(), customId, Place.guildChannel(), answer);
    click.with("member").set("user", DiscordPayloads.user(userId, "user-" + userId, false));
    harness.discord.interact(click);
    return click;
  }
}
