package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import java.util.function.Consumer;

/**
 * Carries "stop this conversation's answer" to every bot instance. A Stop button click can reach
 * any instance (Slack spreads Socket Mode events over all connections), while the answer streams
 * on the one that received the message.
 */
public interface StopBroadcast extends AutoCloseable {

  /** Asks every instance, this one included, to stop the answer streaming in {@code key}. */
  void publish(ConversationKey key);

  /**
   * Starts delivering stop requests to {@code listener}, on a background thread. Called once, by
   * the engine.
   */
  void subscribe(Consumer<ConversationKey> listener);

  /** Stops listening. */
  @Override
  void close();

  /** One process: a stop request goes straight to the local listener. */
  static StopBroadcast local() {
    return new StopBroadcast() {
      private volatile Consumer<ConversationKey> listener = key -> {};

      @Override
      public void publish(ConversationKey key) {
        listener.accept(key);
      }

      @Override
      public void subscribe(Consumer<ConversationKey> listener) {
        this.listener = listener;
      }

      @Override
      public void close() {}
    };
  }
}
