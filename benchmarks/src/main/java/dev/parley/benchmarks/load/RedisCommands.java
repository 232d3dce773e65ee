package dev.parley.benchmarks.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Commands the Redis server ran, from {@code INFO commandstats}, and the clean-up of the
 * benchmark's keys. The counts are the whole server's: a Redis shared with other work adds its
 * commands, which is why the benchmark also counts an idle stretch and subtracts that rate.
 */
final class RedisCommands implements AutoCloseable {
  private final Jedis jedis;

  RedisCommands(String host, int port) {
    this.jedis = new Jedis(host, port);
  }

  /** Calls per command so far, such as {@code evalsha → 1200}; the benchmark's own INFO calls included. */
  Map<String, Long> snapshot() {
    Map<String, Long> calls = new TreeMap<>();
    for (String line : jedis.info("commandstats").split("\r?\n")) {
      if (!line.startsWith("cmdstat_")) continue;
      String name = line.substring("cmdstat_".length(), line.indexOf(':'));
      for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
        if (field.startsWith("calls=")) calls.put(name, Long.parseLong(field.substring(6)));
      }
    }
    return calls;
  }

  /** {@code after - before} per command, without the commands the benchmark itself sends. */
  static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> diff = new TreeMap<>();
    after.forEach((name, calls) -> {
      long d = calls - before.getOrDefault(name, 0L);
      if (d > 0 && !name.equals("info")) diff.put(name, d);
    });
    return diff;
  }

  /** Deletes every key under {@code prefix}; returns how many there were. */
  long deleteKeys(String prefix) {
    long deleted = 0;
    ScanParams params = new ScanParams().match(prefix + "*").count(1000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = jedis.scan(cursor, params);
      List<String> keys = page.getResult();
      if (!keys.isEmpty()) deleted += jedis.del(keys.toArray(String[]::new));
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return deleted;
  }

  @Override
  public void close() {
    jedis.close();
  }
}
