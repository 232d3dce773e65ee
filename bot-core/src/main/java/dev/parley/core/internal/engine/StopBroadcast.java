package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Carries "stop this conversation's answer" to every bot instance. A Stop button click can reach
 * any instance (Slack spreads Socket Mode events over all connections), while the answer streams
 * on the one that received the message.
 */
public interface StopBroadcast extends AutoCloseable {

  /**
   * Which answers of a conversation to stop: those to messages that arrived while its history was
   * below generation {@code before}. A Stop button stops whatever streams ({@link #any}); a reset
   * stops only what began before it, so a stop that reaches another instance late never ends an
   * answer to a message sent after the reset.
   */
  record Request(ConversationKey key, long before) {
    public Request {
      Objects.requireNonNull(key, "key");
    }

    /** Stops the conversation's answer, whenever its message arrived. */
    public static Request any(ConversationKey key) {
      return new Request(key, Long.MAX_VALUE);
    }

    /** Whether an answer to a message that arrived at history generation {@code generation} stops. */
    public boolean covers(long generation) {
      return generation < before;
    }
  }

  /** Asks every instance, this one included, to stop the answers {@code request} names. */
  void publish(Request request);

  /**
   * Starts delivering stop requests to {@code listener}, on a background thread. Called once, by
   * the engine.
   */
  void subscribe(Consumer<Request> listener);

  /** Stops listening. */
  @Override
  void close();

  /** One process: a stop request goes straight to the local listener. */
  static StopBroadcast local() {
    return new StopBroadcast() {
      private volatile Consumer<Request> listener = request -> {};

      @Override
      public void publish(Request request) {
        listener.accept(request);
      }

      @Override
      public void subscribe(Consumer<Request> listener) {
        this.listener = listener;
      }

      @Override
      public void close() {}
    };
  }
}
