package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import java.time.Instant;

/** Keeps users' thumbs up and down on answers. The latest vote of a user on a reply wins. */
public interface FeedbackStore {

  /** One vote. */
  record Feedback(ConversationKey conversation, String replyId, String userId, boolean positive, Instant at) {}

  void record(Feedback feedback);

  /** Every vote stored for a conversation, in no particular order. */
  java.util.List<Feedback> list(dev.parley.core.api.ConversationKey conversation);
}
