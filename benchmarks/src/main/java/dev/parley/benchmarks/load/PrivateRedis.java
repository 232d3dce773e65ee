package dev.parley.benchmarks.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A {@code redis-server} of the benchmark's own on a free port ({@code redis=own}): Redis 7.0
 * counts commands per server, not per client, so on a Redis that other work shares, only a
 * private one gives exact commands per turn.
 */
final class PrivateRedis implements AutoCloseable {
  private final Process process;
  private final int port;

  private PrivateRedis(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static PrivateRedis start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
        "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    for (int i = 0; i < 100; i++) {
      try (Jedis jedis = new Jedis("127.0.0.1", port)) {
        jedis.ping();
        return new PrivateRedis(process, port);
      } catch (JedisConnectionException e) {
        Thread.sleep(100);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("redis-server did not answer on port " + port);
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
