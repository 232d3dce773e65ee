package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.engine.StopBroadcast;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * Stop requests over Redis pub/sub on {@code <prefix>stop}. Pub/sub delivers only to instances
 * listening at that moment, which is exactly who can be streaming. A lost subscription is
 * re-established, so a Redis restart costs at most the stops sent meanwhile.
 *
 * <p>A message is the conversation key ({@code platform:tenant:channel:thread}) for a Stop, and
 * the key, a space and the generation for a reset's stop; key segments never hold spaces.
 */
public final class RedisStopBroadcast implements StopBroadcast {
  private static final Logger log = LoggerFactory.getLogger(RedisStopBroadcast.class);

  private final UnifiedJedis redis;
  private final String channel;
  private final JedisPubSub subscription;
  private volatile Consumer<Request> listener = request -> {};
  private volatile boolean closed;
  private Thread listening;

  public RedisStopBroadcast(UnifiedJedis redis, String prefix) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.channel = prefix + "stop";
    this.subscription = new JedisPubSub() {
      @Override
      public void onMessage(String channel, String message) {
        deliver(message);
      }
    };
  }

  @Override
  public void publish(Request request) {
    String key = request.key().asString();
    redis.publish(channel, request.before() == Long.MAX_VALUE ? key : key + " " + request.before());
  }

  @Override
  public synchronized void subscribe(Consumer<Request> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    if (listening == null) listening = Thread.ofVirtual().name("parley-stop-listener").start(this::listen);
  }

  /** True once the subscription is registered with Redis. */
  public boolean isSubscribed() {
    return subscription.isSubscribed();
  }

  private void listen() {
    while (!closed) {
      try {
        redis.subscribe(subscription, channel);
      } catch (RuntimeException e) {
        if (closed) return;
        log.warn("stop subscription lost, resubscribing channel={}", channel, e);
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void deliver(String message) {
    String[] keyAndGeneration = message.split(" ", -1);
    String[] parts = keyAndGeneration[0].split(":", -1);
    if (parts.length != 4 || keyAndGeneration.length > 2) {
      log.warn("ignoring malformed stop request channel={}", channel);
      return;
    }
    try {
      ConversationKey key = new ConversationKey(parts[0], parts[1], parts[2], parts[3]);
      listener.accept(keyAndGeneration.length == 1
          ? Request.any(key) : new Request(key, Long.parseLong(keyAndGeneration[1])));
    } catch (RuntimeException e) {
      log.warn("stop request failed channel={}", channel, e);
    }
  }

  @Override
  public void close() {
    closed = true;
    if (subscription.isSubscribed()) subscription.unsubscribe();
  }
}
