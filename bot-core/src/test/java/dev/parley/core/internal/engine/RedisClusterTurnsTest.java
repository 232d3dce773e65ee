package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ChannelSettingsResolver;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.HandoffSettings;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.RequestLimit;
import dev.parley.core.api.Submission;
import dev.parley.core.internal.handoff.HandoffDesk;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.internal.redis.RedisHandoffStore;
import dev.parley.core.internal.redis.RedisHistoryStore;
import dev.parley.core.internal.redis.RedisRequestLimiter;
import dev.parley.core.internal.redis.RedisTicketStore;
import dev.parley.core.internal.redis.RedisTokenBudget;
import dev.parley.core.internal.tickets.TicketIds;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The engine's scripts against a Redis Cluster: a throwaway one-node cluster on a free port, which
 * refuses any script whose keys are not in one hash slot ({@code CROSSSLOT}), exactly as a cluster
 * of many nodes does. Every step of a turn, with limits and a token budget on, must pass it.
 */
class RedisClusterTurnsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SUPPORT = "C0SUPPORT";

  @TempDir Path dir;
  private Process server;
  private RedisClusterClient cluster;
  private FakeGroq groq;
  private ConversationEngine engine;

  @BeforeEach
  void start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--cluster-enabled", "yes",
        "--cluster-config-file", dir.resolve("nodes.conf").toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    int node = port;
    await().atMost(WAIT).ignoreExceptions().until(() -> {
      try (RedisClient admin = RedisClient.create("127.0.0.1", node)) {
        return "PONG".equals(admin.ping());
      }
    });
    try (RedisClient admin = RedisClient.create("127.0.0.1", node)) {
      admin.sendCommand(Protocol.Command.CLUSTER, "ADDSLOTSRANGE", "0", "16383");
      await().atMost(WAIT).until(() -> SafeEncoder.encode((byte[]) admin.sendCommand(Protocol.Command.CLUSTER, "INFO"))
          .contains("cluster_state:ok"));
    }
    cluster = RedisClusterClient.builder().nodes(Set.of(new HostAndPort("127.0.0.1", node))).build();
    groq = FakeGroq.start();
    ChannelSettings limited = new ChannelSettings("You are Parley.", TestEngines.MODEL, List.of(), false, Set.of(),
        new RequestLimit(20, Duration.ofMinutes(1)), new RequestLimit(10, Duration.ofMinutes(1)), Duration.ofMillis(50));
    ChannelSettings withHandoff = limited.withHandoff(new HandoffSettings("S0123", Duration.ofHours(4)));
    ChannelSettingsResolver channels = key -> key.channel().equals(SUPPORT) ? withHandoff : limited;
    RedisTicketStore tickets = new RedisTicketStore(cluster, "parley:", TicketIds.DEFAULT);
    engine = TestEngines.redisBuilder(groq.baseUrl(), cluster, "parley:")
        .channelSettings(channels)
        .limiter(new RedisRequestLimiter(cluster, "parley:", RequestLimits.from(channels)))
        .tokenBudget(new RedisTokenBudget(cluster, "parley:", 1_000_000, Clock.systemUTC()))
        .tickets(tickets)
        .handoff(new HandoffDesk(new RedisHandoffStore(cluster, "parley:"), tickets,
            new RedisHistoryStore(cluster, "parley:"), channels, (conversation, text, group) -> { }, Clock.systemUTC()))
        .build();
  }

  @AfterEach
  void stop() throws Exception {
    if (engine != null) engine.close();
    if (groq != null) groq.close();
    if (cluster != null) cluster.close();
    server.destroyForcibly();
    server.waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  void turnsAResetAndADuplicateRunOnAClusterWithEveryScriptInOneSlot() throws Exception {
    ConversationKey key = new ConversationKey("slack", "T1", "C1", UUID.randomUUID().toString());

    assertThat(answer(key, "E1", "question one").finalText()).isEqualTo("echo: question one");
    assertThat(engine.submit(message(key, "E1", "question one"), RecordingReplySink::new).status())
        .isEqualTo(Submission.Status.DUPLICATE);
    assertThat(answer(key, "E2", "question two").finalText()).isEqualTo("echo: question two");
    assertThat(new RedisHistoryStore(cluster, "parley:").load(key)).extracting(Turn::content)
        .containsExactly("question one", "echo: question one", "question two", "echo: question two");

    engine.reset(key);
    answer(key, "E3", "question three");
    assertThat(new RedisHistoryStore(cluster, "parley:").load(key)).extracting(Turn::content)
        .containsExactly("question three", "echo: question three");
    assertThat(cluster.get("parley:{slack:T1}:tokens:" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)))
        .as("the tokens of every answer were counted").isNotNull();
  }

  @Test
  void aHandedOffThreadKeepsWhatIsSaidAndResumesOnACluster() throws Exception {
    ConversationKey key = new ConversationKey("slack", "T1", SUPPORT, UUID.randomUUID().toString());
    answer(key, "E1", "question one");
    new RedisHandoffStore(cluster, "parley:").begin(key, Instant.now(), Duration.ofHours(1));

    assertThat(engine.submit(message(key, "E2", "to people"), RecordingReplySink::new).status())
        .isEqualTo(Submission.Status.QUIET);
    RecordingReplySink resumed = new RecordingReplySink();
    assertThat(engine.submit(message(key, "E3", "resume"), () -> resumed).status())
        .isEqualTo(Submission.Status.ACCEPTED);
    assertThat(resumed.awaitEnd(WAIT)).isTrue();
    answer(key, "E4", "question two");

    assertThat(new RedisHistoryStore(cluster, "parley:").load(key)).extracting(Turn::content).containsExactly(
        "question one", "echo: question one", Notices.SAID_WHILE_HANDED_OFF + "to people", "question two",
        "echo: question two");
  }

  private RecordingReplySink answer(ConversationKey key, String eventId, String text) throws Exception {
    RecordingReplySink sink = new RecordingReplySink();
    Submission submission = engine.submit(message(key, eventId, text), () -> sink);
    assertThat(submission.done().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Submission.Outcome.ANSWERED);
    return sink;
  }

  private static IncomingMessage message(ConversationKey key, String eventId, String text) {
    return new IncomingMessage(eventId, key, "U1", "Ada", text, null, Instant.now());
  }
}
