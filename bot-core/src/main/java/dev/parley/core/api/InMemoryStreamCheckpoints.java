package dev.parley.core.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stream checkpoints in this process: the single-instance default and the tests' store. Here a
 * checkpoint outlives its answer only when that answer's last call never got through, and the
 * conversation's next answer then closes the stream; a restart forgets them all, so streams open
 * at a crash stay open until Slack ends them. Thread-safe.
 */
public final class InMemoryStreamCheckpoints implements StreamCheckpoints {
  private final Map<ConversationKey, StreamCheckpoint> checkpoints = new ConcurrentHashMap<>();

  @Override
  public Optional<StreamCheckpoint> save(ConversationKey key, StreamCheckpoint checkpoint) {
    return Optional.ofNullable(checkpoints.put(Objects.requireNonNull(key, "key"),
        Objects.requireNonNull(checkpoint, "checkpoint")));
  }

  @Override
  public Optional<StreamCheckpoint> load(ConversationKey key) {
    return Optional.ofNullable(checkpoints.get(key));
  }

  @Override
  public void clear(ConversationKey key, String messageId) {
    checkpoints.computeIfPresent(key, (k, current) -> current.messageId().equals(messageId) ? null : current);
  }
}
