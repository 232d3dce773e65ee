package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.internal.engine.ConversationEngine;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

class RedisEndpointTest {

  @Test
  void standaloneWithUserPasswordAndDatabase() {
    RedisEndpoint endpoint = RedisEndpoint.parse("redis://app:s3cret@cache.internal:6380/3");

    assertThat(endpoint.kind()).isEqualTo(RedisEndpoint.Kind.STANDALONE);
    assertThat(endpoint.nodes()).containsExactly(new HostAndPort("cache.internal", 6380));
    assertThat(endpoint.user()).isEqualTo("app");
    assertThat(endpoint.password()).isEqualTo("s3cret");
    assertThat(endpoint.database()).isEqualTo(3);
    assertThat(endpoint.tls()).isFalse();
    assertThat(endpoint.toString()).isEqualTo("redis://app:(redacted)@cache.internal:6380/3");
  }

  @Test
  void tlsPasswordOnlyAndDefaultPort() {
    RedisEndpoint endpoint = RedisEndpoint.parse("rediss://:s3cret@managed.example.com");

    assertThat(endpoint.tls()).isTrue();
    assertThat(endpoint.user()).isNull();
    assertThat(endpoint.nodes()).containsExactly(new HostAndPort("managed.example.com", 6379));
    assertThat(endpoint.toString()).doesNotContain("s3cret");
  }

  @Test
  void sentinelNamesTheMaster() {
    RedisEndpoint endpoint = RedisEndpoint.parse("redis-sentinel://:pw@s1:26379,s2/mymaster/1");

    assertThat(endpoint.kind()).isEqualTo(RedisEndpoint.Kind.SENTINEL);
    assertThat(endpoint.nodes()).containsExactly(new HostAndPort("s1", 26379), new HostAndPort("s2", 26379));
    assertThat(endpoint.masterName()).isEqualTo("mymaster");
    assertThat(endpoint.database()).isEqualTo(1);
  }

  @Test
  void clusterListsSeedNodes() {
    RedisEndpoint endpoint = RedisEndpoint.parse("rediss-cluster://n1:7000,n2:7001");

    assertThat(endpoint.kind()).isEqualTo(RedisEndpoint.Kind.CLUSTER);
    assertThat(endpoint.tls()).isTrue();
    assertThat(endpoint.nodes()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://user:TOPSECRET@host", "redis://user:TOPSECRET@host:port", "redis-sentinel://:TOPSECRET@s1",
      "redis-cluster://:TOPSECRET@n1/2", "redis://:TOPSECRET@a,b", "TOPSECRET"})
  void malformedUrlsFailWithoutShowingThePassword(String url) {
    assertThatThrownBy(() -> RedisEndpoint.parse(url))
        .isInstanceOf(IllegalArgumentException.class)
        .message().doesNotContain("TOPSECRET");
  }

  @Test
  void anExhaustedPoolFailsWithinItsWaitInsteadOfHanging() throws Exception {
    String prefix = "parley-test:" + UUID.randomUUID() + ":";
    RedisEndpoint endpoint = RedisEndpoint.parse("redis://127.0.0.1:6379/0").withPoolSize(RedisEndpoint.MIN_POOL_SIZE);
    List<Thread> holders = new ArrayList<>();
    try (UnifiedJedis redis = endpoint.connect(); UnifiedJedis other = RedisEndpoint.parse("redis://127.0.0.1:6379/0").connect()) {
      // Each BLPOP keeps its connection until a value arrives: the pool's every connection is busy.
      for (int i = 0; i < endpoint.poolSize(); i++) {
        String key = prefix + "hold:" + i;
        holders.add(Thread.ofVirtual().start(() -> redis.blpop(60, key)));
      }

      AtomicReference<RuntimeException> failure = new AtomicReference<>();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        try {
          assertTimeoutPreemptively(Duration.ofSeconds(20), () -> redis.get(prefix + "probe"));
          return false;
        } catch (JedisException e) {
          failure.set(e);
          return true;
        }
      });

      assertThat(failure.get()).hasMessageContaining("pool");
      assertThatTheUserHearsStorageIsUnreachable(redis, prefix);
      for (int i = 0; i < endpoint.poolSize(); i++) other.rpush(prefix + "hold:" + i, "release");
      for (Thread holder : holders) holder.join(Duration.ofSeconds(20));
      assertThat(redis.get(prefix + "probe")).isNull();
      for (int i = 0; i < endpoint.poolSize(); i++) other.del(prefix + "hold:" + i);
    }
  }

  /** A question arriving while every connection is busy gets its notice within the wait, not never. */
  private static void assertThatTheUserHearsStorageIsUnreachable(UnifiedJedis redis, String prefix) throws Exception {
    try (ConversationEngine engine = TestEngines.redisBuilder("http://127.0.0.1:9/openai/v1", redis, prefix).build()) {
      RecordingReplySink sink = new RecordingReplySink();
      engine.submit(new IncomingMessage("Ev1", new ConversationKey("slack", "T1", "C1", "1.2"), "U1", "ada",
          "hello", null, Instant.now()), () -> sink);

      assertThat(sink.awaitEnd(Duration.ofSeconds(30))).isTrue();
      assertThat(sink.notice()).contains("cannot reach its storage");
    }
  }

  @Test
  void thePoolSizeIsConfigurableAndAtLeastTheMinimum() {
    assertThat(RedisEndpoint.parse("redis://h").poolSize()).isEqualTo(RedisEndpoint.DEFAULT_POOL_SIZE);
    assertThat(ParleyConfig.load(java.util.Map.of("GROQ_API_KEY", "gsk_x", "REDIS_URL", "redis://h",
        "REDIS_POOL_SIZE", "64")).redis().orElseThrow().poolSize()).isEqualTo(64);
    assertThatThrownBy(() -> ParleyConfig.load(java.util.Map.of("GROQ_API_KEY", "gsk_x", "REDIS_URL", "redis://h",
        "REDIS_POOL_SIZE", "2"))).hasMessageContaining("REDIS_POOL_SIZE").hasMessageContaining("at least 4");
  }

  @Test
  void connectsToTheLocalRedis() {
    try (UnifiedJedis redis = RedisEndpoint.parse("redis://127.0.0.1:6379/0").connect()) {
      assertThat(redis.ping()).isEqualTo("PONG");
    }
  }
}
