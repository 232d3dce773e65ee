package dev.parley.core.api;

import java.util.concurrent.CompletableFuture;

/**
 * What became of a submitted message. Adapters keep it to wire a "Stop" button to
 * {@link #cancel()}.
 */
public interface Submission {

  enum Status {
    /** Queued; the answer will stream into the sink. */
    ACCEPTED,
    /** The event was seen before, here or on another instance; nothing happens. */
    DUPLICATE,
    /** A request limit or the tenant's token budget was hit; the sink was told so with a readable notice. */
    LIMITED,
    /** The engine is shutting down, or the message is too long; the sink was told why. */
    REJECTED,
    /**
     * A regenerate asked by someone who neither asked that question nor is an admin. No sink was
     * opened: the adapter tells the person privately, and nobody else sees anything.
     */
    NOT_ALLOWED,
    /**
     * The thread is handed off to people ({@link HumanHandoff}): no sink was opened and nothing is
     * shown, until someone says {@code resume} or the channel's quiet time has passed.
     */
    QUIET
  }

  Status status();

  /** Stops generation. The text so far stays, marked as stopped. Idempotent. */
  void cancel();

  /** Completes when the reply is finished, failed, or cancelled. Never completes exceptionally. */
  CompletableFuture<Outcome> done();

  /** How a reply ended. */
  enum Outcome {
    ANSWERED,
    CANCELLED,
    FAILED,
    DUPLICATE,
    LIMITED,
    REJECTED,
    /** Not answered: the thread is handed off to people. */
    QUIET
  }
}
