package dev.parley.core.internal.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The local Redis at 127.0.0.1:6379 under a key prefix of its own, so test classes never see
 * each other's keys. {@link #close} deletes every key under the prefix and closes the client.
 */
public final class TestRedis implements AutoCloseable {

  private final RedisClient client = RedisClient.create("127.0.0.1", 6379);
  private final String prefix = "parley-test:" + UUID.randomUUID() + ":";

  public UnifiedJedis client() {
    return client;
  }

  public String prefix() {
    return prefix;
  }

  /** Every key under this prefix. */
  public List<String> keys() {
    ScanParams params = new ScanParams().match(prefix + "*").count(500);
    List<String> found = new ArrayList<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = client.scan(cursor, params);
      found.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return found;
  }

  @Override
  public void close() {
    try {
      List<String> keys = keys();
      if (!keys.isEmpty()) client.del(keys.toArray(String[]::new));
    } finally {
      client.close();
    }
  }
}
