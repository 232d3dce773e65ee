package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;

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
  void connectsToTheLocalRedis() {
    try (UnifiedJedis redis = RedisEndpoint.parse("redis://127.0.0.1:6379/0").connect()) {
      assertThat(redis.ping()).isEqualTo("PONG");
    }
  }
}
