package dev.parley.core.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory twin of the feedback store: one process, gone on restart. */
public final class InMemoryFeedbackStore implements FeedbackStore {
  private final Map<String, Feedback> votes = new ConcurrentHashMap<>();

  @Override
  public void record(Feedback feedback) {
    votes.put(feedback.conversation().asString() + "|" + feedback.replyId() + "|" + feedback.userId(), feedback);
  }

  /** Every stored vote, for tests and inspection. */
  public List<Feedback> all() {
    return List.copyOf(votes.values());
  }
}
