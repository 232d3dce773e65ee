package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.RequestLimit;
import dev.parley.core.internal.engine.RequestLimits;
import dev.parley.core.internal.redis.CountingRedisProxy;
import dev.parley.core.internal.redis.RedisRequestLimiter;
import dev.parley.core.internal.redis.RedisStopBroadcast;
import dev.parley.core.internal.redis.RedisStreamCheckpoints;
import dev.parley.core.internal.redis.RedisTokenBudget;
import dev.parley.core.internal.redis.TestRedis;
import dev.parley.core.testing.TestEngines;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Counts what one natively streamed Slack answer costs Redis, through Bolt against the fake Slack,
 * with the stream checkpoints in Redis as in production, and the limits, token budget and stop
 * broadcast on. The turn itself takes 4 round trips (see {@code RedisRoundTripsPerTurnTest}); the
 * checkpoints add one when the stream begins and one when it ends, however many appends the
 * answer takes. The bound is a count, never a time.
 */
class NativeStreamRedisRoundTripsTest extends SlackBotTestBase {
  private static final String CHANNEL = "C0GENERAL";
  /** The turn's 4, one checkpoint save (stream and Stop control begun) and one clear. */
  static final int MAX_ROUND_TRIPS = 6;

  private TestRedis redis;
  private CountingRedisProxy proxy;
  private RedisClient client;
  private RedisStreamCheckpoints direct;

  @BeforeEach
  void startRedis() throws Exception {
    redis = new TestRedis();
    proxy = CountingRedisProxy.start();
    client = RedisClient.create("127.0.0.1", proxy.port());
    checkpoints = new RedisStreamCheckpoints(client, redis.prefix());
    // The test looks at the checkpoints past the proxy, so that looking is not counted.
    direct = new RedisStreamCheckpoints(redis.client(), redis.prefix());
  }

  @AfterEach
  void stopRedis() throws Exception {
    stopBot();
    client.close();
    proxy.close();
    redis.close();
  }

  @Test
  void aStreamedAnswerCostsTheTurnPlusOneSaveAndOneClearWhateverItsAppends() {
    ChannelSettings limited = new ChannelSettings("You are Parley.", TestEngines.MODEL, List.of(), false, Set.of(),
        new RequestLimit(20, Duration.ofMinutes(1)), new RequestLimit(10, Duration.ofMinutes(1)), Duration.ofMillis(50));
    RedisStopBroadcast stops = new RedisStopBroadcast(client, redis.prefix());
    startBot(socketSettings(), TestEngines.redisBuilder(groq.baseUrl(), client, redis.prefix())
        .channelSettings(key -> limited)
        .limiter(new RedisRequestLimiter(client, redis.prefix(), RequestLimits.from(key -> limited)))
        .tokenBudget(new RedisTokenBudget(client, redis.prefix(), 1_000_000, Clock.systemUTC()))
        .stops(stops));
    await().atMost(ANSWER_TIMEOUT).until(stops::isSubscribed);
    // The first answer loads the scripts into the server; the second is what every later one costs.
    // Both answers stream long enough to save a checkpoint, so each one's last Redis call is the
    // clear that follows its final Slack call: seen done, nothing of it is still to come.
    groq.enqueueAnswer("word ".repeat(80).strip(), 6, Duration.ofMillis(20));
    Sent first = mention(CHANNEL, "first question", null);
    ConversationKey key = new ConversationKey("slack", FakeSlack.TEAM, CHANNEL, first.ts());
    await().atMost(ANSWER_TIMEOUT).until(() -> direct.load(key).isPresent());
    awaitAnswer(CHANNEL, first.ts());
    await().atMost(ANSWER_TIMEOUT).until(() -> direct.load(key).isEmpty());
    int appendsBefore = slack.calls("chat.appendStream").size();
    proxy.reset();

    String answer = "word ".repeat(150).strip();
    groq.enqueueAnswer(answer, 6, Duration.ofMillis(20));
    channelMessage(CHANNEL, "second question", first.ts());
    await().atMost(ANSWER_TIMEOUT).until(() -> direct.load(key).isPresent());
    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages(CHANNEL, first.ts()).size() == 2
        && slack.botMessages(CHANNEL, first.ts()).get(1).buttons().contains("parley_feedback_up"));
    await().atMost(ANSWER_TIMEOUT).until(() -> direct.load(key).isEmpty());

    int appends = slack.calls("chat.appendStream").size() - appendsBefore;
    List<CountingRedisProxy.Command> commands = proxy.commands();
    String described = String.join("\n", commands.stream()
        .map(command -> command.toString().replace(redis.prefix(), "")).toList());
    System.out.println("Redis per natively streamed Slack answer: " + proxy.roundTrips() + " round trips, "
        + commands.size() + " commands, " + appends + " appends\n" + described);
    assertThat(slack.botMessages(CHANNEL, first.ts()).get(1).visibleText()).isEqualTo(answer);
    assertThat(appends).as("the answer took several appends").isGreaterThanOrEqualTo(3);
    assertThat(proxy.roundTrips()).as("round trips of one streamed answer:\n%s", described)
        .isLessThanOrEqualTo(MAX_ROUND_TRIPS);
  }
}
