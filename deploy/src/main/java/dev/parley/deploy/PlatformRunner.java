package dev.parley.deploy;

import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.reply.StreamCheckpoints;

/**
 * One chat platform connection that Parley runs: Slack, Discord, or the console. The seam between
 * the wiring and each adapter, so the application starts, probes and stops every platform alike.
 */
public interface PlatformRunner {

  /** The platform's name in logs, metrics and {@code /readyz}: {@code slack}, {@code discord}, {@code console}. */
  String name();

  /**
   * Connects and starts handing events to {@code conversations}. Returns once connecting has
   * begun; {@link #isConnected()} tells when it is done.
   *
   * @throws RuntimeException when the platform refuses the credentials
   */
  void start(Conversations conversations);

  /**
   * Like {@link #start(Conversations)}, with who may use the bot. Chat platforms check it before
   * any I/O; the console, where only its operator types, ignores it.
   */
  default void start(Conversations conversations, AccessControl access) {
    start(conversations);
  }

  /**
   * Like {@link #start(Conversations, AccessControl)}, with where natively streamed answers keep
   * their progress, shared by every replica; platforms that do not stream natively ignore it.
   */
  default void start(Conversations conversations, AccessControl access, StreamCheckpoints checkpoints) {
    start(conversations, access);
  }

  /**
   * Stops taking new events, where the platform can hand them to another replica (Slack closes its
   * socket). Answers in flight must still be able to write, so the platform keeps what they use.
   * Idempotent.
   */
  void stop();

  /** Releases the connection once the engine has finished or aborted every answer. Idempotent. */
  void close();

  /** Whether events can arrive right now. Thread-safe and fast: {@code /readyz} calls it. */
  boolean isConnected();
}
