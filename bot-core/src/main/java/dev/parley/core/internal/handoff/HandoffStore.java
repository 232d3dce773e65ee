package dev.parley.core.internal.handoff;

import dev.parley.core.api.ConversationKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which threads are handed off to people, and since when. Shared by every instance and kept
 * across restarts (Redis); each entry expires by itself when its quiet time is over. Thread-safe.
 */
public interface HandoffStore {

  /**
   * The conversation's handoff, if one is under way. One small read: the engine asks it for every
   * message in a channel that has handoff configured, and only there.
   */
  Optional<Handoff> find(ConversationKey key);

  /**
   * Starts a handoff unless one is under way, atomically across instances: of two concurrent
   * calls, one begins it ({@link Begun#fresh()}) and the other gets the same handoff back.
   */
  Begun begin(ConversationKey key, Instant now, Duration quietFor);

  /** Ends the conversation's handoff; false when there was none. */
  boolean end(ConversationKey key);

  /**
   * One handoff of a conversation.
   *
   * @param since when it began; with the conversation, it names the handoff (its ticket's
   *     idempotency key), so a repeated request never files twice
   * @param until when Parley answers again by itself
   */
  record Handoff(Instant since, Instant until) {
    public Handoff {
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(until, "until");
    }
  }

  /** @param fresh whether this call began the handoff, rather than finding one under way */
  record Begun(Handoff handoff, boolean fresh) {}
}
