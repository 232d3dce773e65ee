package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The Sentinel and Cluster URL forms against real, throwaway Redis processes on free ports: a
 * master watched by one Sentinel, and a one-node cluster that owns every slot.
 */
class RedisTopologiesTest {
  private final List<Process> processes = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void stopRedis() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void sentinelUrlReachesTheMasterTheSentinelNames() throws Exception {
    int master = startRedis("--requirepass", "s3cret");
    int sentinel = freePort();
    Path config = dir.resolve("sentinel.conf");
    Files.writeString(config, "port " + sentinel + "\nbind 127.0.0.1\n"
        + "sentinel monitor mymaster 127.0.0.1 " + master + " 1\n"
        + "sentinel auth-pass mymaster s3cret\n");
    start(List.of("redis-server", config.toString(), "--sentinel"));
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> answers(sentinel, null));

    try (UnifiedJedis redis = RedisEndpoint.parse("redis-sentinel://:s3cret@127.0.0.1:" + sentinel + "/mymaster").connect()) {
      redis.set("parley-test:sentinel", "ok");
      assertThat(redis.get("parley-test:sentinel")).isEqualTo("ok");
    }
  }

  @Test
  void clusterUrlReachesAClusterAndFollowsItsSlots() throws Exception {
    int node = startRedis("--cluster-enabled", "yes", "--cluster-config-file", dir.resolve("nodes.conf").toString());
    try (RedisClient admin = RedisClient.create("127.0.0.1", node)) {
      admin.sendCommand(Protocol.Command.CLUSTER, "ADDSLOTSRANGE", "0", "16383");
      await().atMost(Duration.ofSeconds(10)).until(() -> SafeEncoder.encode((byte[]) admin.sendCommand(
          Protocol.Command.CLUSTER, "INFO")).contains("cluster_state:ok"));
    }

    try (UnifiedJedis redis = RedisEndpoint.parse("redis-cluster://127.0.0.1:" + node).connect()) {
      redis.set("parley-test:{cluster}:a", "1");
      redis.set("parley-test:{cluster}:b", "2");
      assertThat(redis.mget("parley-test:{cluster}:a", "parley-test:{cluster}:b")).containsExactly("1", "2");
    }
  }

  private int startRedis(String... options) throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString()));
    command.addAll(List.of(options));
    start(command);
    String password = command.contains("--requirepass") ? command.get(command.indexOf("--requirepass") + 1) : null;
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> answers(port, password));
    return port;
  }

  private void start(List<String> command) throws IOException {
    processes.add(new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
  }

  private static boolean answers(int port, String password) {
    try (RedisClient client = RedisClient.create("127.0.0.1", port, null, password)) {
      return "PONG".equals(client.ping());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
