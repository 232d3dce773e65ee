package dev.parley.deploy;

import dev.parley.core.api.BotCore;
import dev.parley.core.api.ThreadPoster;
import java.util.Optional;

/**
 * One chat platform connection that Parley runs: Slack, Discord, or the console. The seam between
 * the wiring and each adapter, so the application starts, probes and stops every platform alike.
 */
interface PlatformRunner {

  /** The platform's name in logs, metrics and {@code /readyz}: {@code slack}, {@code discord}, {@code console}. */
  String name();

  /**
   * Connects and starts handing events to the core. Returns once connecting has begun;
   * {@link #isConnected()} tells when it is done. Chat platforms ask {@link BotCore#access()}
   * before any I/O; the console, where only its operator types, does not.
   *
   * @throws RuntimeException when the platform refuses the credentials
   */
  void start(BotCore core);

  /**
   * Stops taking new events, where the platform can hand them to another replica (Slack closes its
   * socket). Answers in flight must still be able to write, so the platform keeps what they use.
   * Idempotent.
   */
  void stop();

  /** Releases the connection once the engine has finished or aborted every answer. Idempotent. */
  void close();

  /**
   * Posts the core's own messages (ticket status, handoffs) into this platform's threads, once
   * {@link #start} has run; empty before, and for a platform that cannot post on its own (the
   * console). {@link ThreadPosterRouter} picks the platform by the conversation.
   */
  default Optional<ThreadPoster> threadPoster() {
    return Optional.empty();
  }

  /** Whether events can arrive right now. Thread-safe and fast: {@code /readyz} calls it. */
  boolean isConnected();
}
