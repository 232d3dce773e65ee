package dev.parley.core.internal.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA1 ({@code EVALSHA}); on {@code NOSCRIPT} (a restarted or different
 * server) it is sent once in full with {@code EVAL}, which also caches it again. Thread-safe.
 */
final class RedisScript {

  private final String source;
  private final String sha1;

  RedisScript(String source) {
    this.source = source;
    this.sha1 = sha1(source);
  }

  Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    try {
      return redis.evalsha(sha1, keys, args);
    } catch (JedisNoScriptException e) {
      return redis.eval(source, keys, args);
    }
  }

  long runForLong(UnifiedJedis redis, List<String> keys, List<String> args) {
    return (Long) run(redis, keys, args);
  }

  /** Queues the script on {@code pipeline} by its SHA1; read the reply with {@link #reply}. */
  Response<Object> queue(AbstractPipeline pipeline, List<String> keys, List<String> args) {
    return pipeline.evalsha(sha1, keys, args);
  }

  /**
   * The reply of a script queued with {@link #queue}, after the pipeline's sync. A server that did
   * not know the script ran nothing of it, so it is sent once in full, as {@link #run} does.
   */
  Object reply(Response<Object> queued, UnifiedJedis redis, List<String> keys, List<String> args) {
    try {
      return queued.get();
    } catch (JedisNoScriptException e) {
      return redis.eval(source, keys, args);
    }
  }

  private static String sha1(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-1", e);
    }
  }
}
