package dev.parley.core.internal.engine;

import dev.parley.core.internal.llm.ChatModel;
import dev.parley.core.internal.llm.LlmException;
import dev.parley.core.internal.llm.ModelInfo;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's model list, cached. It answers {@code /model} and gives each model's context
 * window; when the list cannot be fetched, a configured fallback window is used so the bot keeps
 * answering.
 *
 * <p>A failed fetch is remembered for {@link #FAILURE_TTL}: every turn asks for a context window,
 * and without it a server whose {@code /models} is down (or that has none, like some
 * OpenAI-compatible servers) would get one extra request, and each turn one extra wait, per turn.
 * Meanwhile the last list fetched, if any, keeps serving.
 */
final class ModelCatalog {
  private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);
  static final Duration FAILURE_TTL = Duration.ofMinutes(1);

  private final ChatModel model;
  private final int fallbackContextWindow;
  private final Duration ttl;
  private final LongSupplier nanoTime;
  private volatile List<ModelInfo> cached;
  private volatile long fetchedAt;
  private volatile long failedAt;
  private volatile boolean failed;

  public ModelCatalog(ChatModel model, int fallbackContextWindow, Duration ttl) {
    this(model, fallbackContextWindow, ttl, System::nanoTime);
  }

  ModelCatalog(ChatModel model, int fallbackContextWindow, Duration ttl, LongSupplier nanoTime) {
    this.model = model;
    this.fallbackContextWindow = fallbackContextWindow;
    this.ttl = ttl;
    this.nanoTime = nanoTime;
  }

  /** Active models, sorted by id; empty if the server could not be reached. */
  public List<ModelInfo> models() {
    List<ModelInfo> current = cached;
    long now = nanoTime.getAsLong();
    if (current != null && now - fetchedAt < ttl.toNanos()) return current;
    if (failed && now - failedAt < FAILURE_TTL.toNanos()) return current == null ? List.of() : current;
    try {
      current = model.listModels().stream()
          .filter(ModelInfo::active)
          .sorted(Comparator.comparing(ModelInfo::id))
          .toList();
      cached = current;
      fetchedAt = nanoTime.getAsLong();
      failed = false;
      return current;
    } catch (LlmException e) {
      log.warn("cannot list models; not asking again for {} code={} status={}", FAILURE_TTL, e.code(), e.httpStatus());
      failedAt = nanoTime.getAsLong();
      failed = true;
      return current == null ? List.of() : current;
    }
  }

  public Optional<ModelInfo> find(String id) {
    return models().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** The model's context window, or the fallback when the server does not say. */
  public int contextWindow(String id) {
    return find(id).map(ModelInfo::contextWindow).orElse(fallbackContextWindow);
  }
}
