package dev.parley.core.engine;

import dev.parley.core.llm.ChatModel;
import dev.parley.core.llm.LlmException;
import dev.parley.core.llm.ModelInfo;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's model list, cached. It answers {@code /model} and gives each model's context
 * window; when the list cannot be fetched, a configured fallback window is used so the bot keeps
 * answering.
 */
public final class ModelCatalog {
  private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);

  private final ChatModel model;
  private final int fallbackContextWindow;
  private final Duration ttl;
  private volatile List<ModelInfo> cached;
  private volatile long fetchedAt;

  public ModelCatalog(ChatModel model, int fallbackContextWindow, Duration ttl) {
    this.model = model;
    this.fallbackContextWindow = fallbackContextWindow;
    this.ttl = ttl;
  }

  /** Active models, sorted by id; empty if the server could not be reached. */
  public List<ModelInfo> models() {
    List<ModelInfo> current = cached;
    if (current != null && System.nanoTime() - fetchedAt < ttl.toNanos()) return current;
    try {
      current = model.listModels().stream()
          .filter(ModelInfo::active)
          .sorted(Comparator.comparing(ModelInfo::id))
          .toList();
      cached = current;
      fetchedAt = System.nanoTime();
      return current;
    } catch (LlmException e) {
      log.warn("cannot list models code={} status={}", e.code(), e.httpStatus());
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
