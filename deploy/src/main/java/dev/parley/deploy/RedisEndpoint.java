package dev.parley.deploy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where Redis is, parsed from {@code REDIS_URL}. Accepted forms:
 *
 * <ul>
 *   <li>{@code redis://[[user]:password@]host[:6379][/db]}, or {@code rediss://} for TLS: one server
 *       or a managed endpoint;
 *   <li>{@code redis-sentinel://[[user]:password@]sentinel1:26379,sentinel2:26379/master-name[/db]}:
 *       the master that the Sentinels name (the password is the master's; Sentinels without auth);
 *   <li>{@code redis-cluster://[[user]:password@]node1:6379,node2:6379}, or {@code rediss-cluster://}
 *       for TLS: a Redis Cluster (database 0 only).
 * </ul>
 *
 * The password never appears in {@link #toString()} or in any error.
 *
 * <p>The client is a pool of at most {@code poolSize} connections (per node, for a cluster),
 * shared by everything in the process: the stop subscription holds one for good, the lease
 * heartbeats take one briefly, and every turn and incoming event take one per command. Commands
 * are short, so a few dozen connections serve hundreds of concurrent answers. When all are busy
 * callers wait in line, first come first served, at most {@link #POOL_WAIT}, then fail with
 * {@code JedisException} ("Could not get a resource from the pool"): the engine tells the user
 * that Parley cannot reach its storage, rather than leaving the answer hanging.
 */
record RedisEndpoint(Kind kind, List<HostAndPort> nodes, String user, String password, int database, boolean tls,
    String masterName, int poolSize) {

  /** How the client finds its server. */
  public enum Kind { STANDALONE, SENTINEL, CLUSTER }

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /**
   * {@code REDIS_POOL_SIZE}'s default: one connection the stop subscription holds, one for the
   * lease heartbeats, and the rest for turns and event intake. On a busy CPU a connection is held
   * longer than its command, while the virtual thread holding it waits for a carrier, so the pool
   * must cover that wait too: in the load benchmark, 1,000 {@code /ask} in one second on 2 cores
   * queued for 32 connections, and the time from a question's placeholder to its Groq request grew
   * from 50 to 400 ms over the second (first words p99 up to 755 ms); with 64 it grew to 160 ms,
   * with 128 it stayed under about 100 ms. Connections are opened only when needed, and a Redis
   * server accepts 10,000 clients by default.
   */
  public static final int DEFAULT_POOL_SIZE = 128;

  /** The fewest connections that work: the subscription's, the heartbeats', and two for turns. */
  public static final int MIN_POOL_SIZE = 4;

  /**
   * How long a command waits for a free connection before it fails. Longer than a command may take
   * (2 s), because on a busy CPU a connection is held longer than its command: in the load
   * benchmark, 1,000 {@code /ask} in one second on 2 cores left the connections' virtual threads
   * waiting for a carrier, and a 2 s wait turned 113 of the questions away. Waiting in a fair line
   * costs those questions latency instead of their answer; a Redis that is down still fails each
   * command within {@link #TIMEOUT} once it has a connection.
   */
  public static final Duration POOL_WAIT = Duration.ofSeconds(10);

  public RedisEndpoint {
    Objects.requireNonNull(kind, "kind");
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) throw new IllegalArgumentException("the URL names no host");
    if (kind == Kind.SENTINEL && (masterName == null || masterName.isBlank())) {
      throw new IllegalArgumentException("a redis-sentinel:// URL ends with the master name, like /mymaster");
    }
    if (kind == Kind.CLUSTER && database != 0) {
      throw new IllegalArgumentException("Redis Cluster has only database 0; drop the /db part");
    }
    if (poolSize < MIN_POOL_SIZE) {
      throw new IllegalArgumentException("the pool needs at least " + MIN_POOL_SIZE + " connections");
    }
  }

  /** This endpoint with a pool of {@code size} connections. */
  public RedisEndpoint withPoolSize(int size) {
    return new RedisEndpoint(kind, nodes, user, password, database, tls, masterName, size);
  }

  /** Parses a URL in one of the accepted forms; the message of a failure never shows the password. */
  public static RedisEndpoint parse(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) throw new IllegalArgumentException("not a URL; write it like redis://host:6379/0");
    String scheme = url.substring(0, schemeEnd).toLowerCase();
    String rest = url.substring(schemeEnd + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    List<String> path = slash < 0 ? List.of()
        : List.of(rest.substring(slash + 1).split("/")).stream().filter(s -> !s.isEmpty()).toList();
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? null : authority.substring(0, at);
    String hosts = authority.substring(at + 1);
    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
      if (user.isEmpty()) user = null;
    }
    return switch (scheme) {
      case "redis", "rediss" -> new RedisEndpoint(Kind.STANDALONE, nodes(hosts, 6379, false), user, password,
          database(path, 0), scheme.equals("rediss"), null, DEFAULT_POOL_SIZE);
      case "redis-sentinel" -> new RedisEndpoint(Kind.SENTINEL, nodes(hosts, 26379, true), user, password,
          database(path, 1), false, path.isEmpty() ? null : path.get(0), DEFAULT_POOL_SIZE);
      case "redis-cluster", "rediss-cluster" -> new RedisEndpoint(Kind.CLUSTER, nodes(hosts, 6379, true), user,
          password, database(path, 0), scheme.equals("rediss-cluster"), null, DEFAULT_POOL_SIZE);
      default -> throw new IllegalArgumentException("unknown scheme '" + scheme
          + "'; use redis://, rediss://, redis-sentinel://, redis-cluster:// or rediss-cluster://");
    };
  }

  /** Opens a pooled, thread-safe client. The caller closes it. Does not contact Redis yet. */
  public UnifiedJedis connect() {
    JedisClientConfig config = DefaultJedisClientConfig.builder()
        .user(user).password(password).database(database).ssl(tls).clientName("parley")
        .connectionTimeoutMillis((int) TIMEOUT.toMillis()).socketTimeoutMillis((int) TIMEOUT.toMillis())
        .build();
    ConnectionPoolConfig pool = pool();
    return switch (kind) {
      case STANDALONE -> RedisClient.builder().hostAndPort(nodes.get(0)).clientConfig(config).poolConfig(pool).build();
      case SENTINEL -> RedisSentinelClient.builder().masterName(masterName)
          .sentinels(new LinkedHashSet<>(nodes)).clientConfig(config).poolConfig(pool).build();
      case CLUSTER -> RedisClusterClient.builder().nodes(new LinkedHashSet<>(nodes)).clientConfig(config)
          .poolConfig(pool).build();
    };
  }

  /**
   * Bounded both ways: at most {@code poolSize} connections, and a bounded wait for one (the
   * default would wait forever). Idle connections are kept up to the same size, so a burst does
   * not reconnect on every command.
   */
  private ConnectionPoolConfig pool() {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(poolSize);
    pool.setMaxIdle(poolSize);
    pool.setBlockWhenExhausted(true);
    pool.setFairness(true);
    pool.setMaxWait(POOL_WAIT);
    pool.setJmxEnabled(false);
    return pool;
  }

  @Override
  public String toString() {
    String auth = password == null ? "" : (user == null ? "" : user) + ":(redacted)@";
    String hostList = String.join(",", nodes.stream().map(HostAndPort::toString).toList());
    String scheme = switch (kind) {
      case STANDALONE -> tls ? "rediss" : "redis";
      case SENTINEL -> "redis-sentinel";
      case CLUSTER -> tls ? "rediss-cluster" : "redis-cluster";
    };
    String tail = kind == Kind.SENTINEL ? "/" + masterName + "/" + database : kind == Kind.CLUSTER ? "" : "/" + database;
    return scheme + "://" + auth + hostList + tail;
  }

  private static List<HostAndPort> nodes(String hosts, int defaultPort, boolean many) {
    List<HostAndPort> nodes = new ArrayList<>();
    for (String host : hosts.split(",")) {
      if (host.isBlank()) continue;
      nodes.add(hostAndPort(host.trim(), defaultPort));
    }
    if (!many && nodes.size() > 1) {
      throw new IllegalArgumentException("redis:// names one server; use redis-sentinel:// or redis-cluster:// for several");
    }
    return nodes;
  }

  private static HostAndPort hostAndPort(String text, int defaultPort) {
    int colon = text.lastIndexOf(':');
    boolean hasPort = colon > 0 && !text.endsWith("]") && text.indexOf(':') == colon;
    String host = hasPort ? text.substring(0, colon) : text;
    if (host.isBlank()) throw new IllegalArgumentException("the URL names no host");
    if (!hasPort) return new HostAndPort(host, defaultPort);
    try {
      return new HostAndPort(host, ConfigValues.port(text.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the port of '" + host + "' is not a number from 1 to 65535");
    }
  }

  private static int database(List<String> path, int index) {
    if (path.size() <= index) return 0;
    try {
      int db = Integer.parseInt(path.get(index));
      if (db < 0) throw new NumberFormatException();
      return db;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the database after the host must be a number, like /0");
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
