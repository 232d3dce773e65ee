package dev.parley.core.api;

/** Thumbs up and down on answers. Thread-safe. */
@FunctionalInterface
public interface FeedbackRecorder {

  /**
   * Stores a user's feedback on an answer; a second vote by the same user replaces the first.
   *
   * @param replyId the platform id of the answer message
   * @param positive thumbs up or down
   */
  void recordFeedback(ConversationKey key, String replyId, String userId, boolean positive);
}
