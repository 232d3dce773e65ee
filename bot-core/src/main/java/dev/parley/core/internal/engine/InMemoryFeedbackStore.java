package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
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

  @Override
  public List<Feedback> list(ConversationKey conversation) {
    return votes.values().stream().filter(f -> f.conversation().equals(conversation)).toList();
  }
}
