package dev.parley.deploy.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** A throwaway redis-server on a free port, for tests that must take Redis away. Never 6379. */
final class TestRedis implements AutoCloseable {
  private final Process process;
  private final int port;
  private final String password;

  private TestRedis(Process process, int port, String password) {
    this.process = process;
    this.port = port;
    this.password = password;
  }

  /** Starts a redis-server that requires {@code password}. */
  static TestRedis start(String password) {
    int port = ParleyProcess.freePort();
    try {
      Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no", "--requirepass", password)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      TestRedis redis = new TestRedis(process, port, password);
      Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(redis::answers);
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException("redis-server must be on the PATH", e);
    }
  }

  int port() {
    return port;
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  private boolean answers() {
    try (RedisClient client = RedisClient.create("127.0.0.1", port, null, password)) {
      return "PONG".equals(client.ping());
    }
  }

  /** Deletes every key under {@code prefix} on the Redis at {@code port}. */
  static void deleteKeys(int port, String prefix) {
    try (RedisClient client = RedisClient.create("127.0.0.1", port)) {
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = client.scan(cursor, new ScanParams().match(prefix + "*").count(500));
        List<String> keys = page.getResult();
        if (!keys.isEmpty()) client.del(keys.toArray(String[]::new));
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
  }
}
