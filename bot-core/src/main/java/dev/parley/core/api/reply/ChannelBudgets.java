package dev.parley.core.api.reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Edit budgets shared by every reply in one place (a channel on Discord, a workspace on Slack),
 * created on first use. At most {@code maxPlaces} are remembered, the least recently used one is
 * forgotten first: a bot in many channels keeps bounded memory, and a forgotten idle place simply
 * gets a fresh, full budget next time. Each place's bucket is also its scheduler: the replies
 * there share it fairly ({@link TokenBucket}). Thread-safe.
 */
public final class ChannelBudgets {
  /** Enough for every active channel of a large deployment; a budget is a few hundred bytes. */
  public static final int DEFAULT_MAX_PLACES = 10_000;

  private final Duration minInterval;
  private final int capacity;
  private final Duration window;
  private final List<TokenBucket> wider;
  private final Map<String, EditBudget> budgets;

  /**
   * @param minInterval the least time between two edits of one message
   * @param capacity how many writes a place allows per {@code window}
   */
  public ChannelBudgets(Duration minInterval, int capacity, Duration window) {
    this(minInterval, capacity, window, DEFAULT_MAX_PLACES);
  }

  public ChannelBudgets(Duration minInterval, int capacity, Duration window, int maxPlaces) {
    this(minInterval, capacity, window, maxPlaces, List.of());
  }

  /**
   * @param wider budgets every place's calls pass as well, after the place's own (Discord's global
   *     limit): one scheduler each, shared by all places
   */
  public ChannelBudgets(Duration minInterval, int capacity, Duration window, int maxPlaces, List<TokenBucket> wider) {
    this.wider = List.copyOf(wider);
    this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
    this.window = Objects.requireNonNull(window, "window");
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
    if (maxPlaces < 1) throw new IllegalArgumentException("maxPlaces must be at least 1");
    this.capacity = capacity;
    this.budgets = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, EditBudget> eldest) {
        return size() > maxPlaces;
      }
    };
  }

  /** The budget of {@code place}, shared by every reply there. */
  public synchronized EditBudget forPlace(String place) {
    Objects.requireNonNull(place, "place");
    return budgets.computeIfAbsent(place, id -> {
      List<TokenBucket> all = new ArrayList<>();
      all.add(new TokenBucket(capacity, window));
      all.addAll(wider);
      return new EditBudget(minInterval, all, true);
    });
  }

  /**
   * The platform said {@code place} may not write for {@code pause}: every reply there backs off.
   * A place without a budget yet has nothing to hold back.
   */
  public void spent(String place, Duration pause) {
    EditBudget budget;
    synchronized (this) {
      budget = budgets.get(place);
    }
    if (budget != null) budget.channelBucket().drainFor(pause);
  }

  /** How many places are remembered now. */
  public synchronized int size() {
    return budgets.size();
  }
}
