package dev.parley.core.api;

/**
 * Posts into a conversation on the core's own initiative, not as the reply to a message that just
 * arrived: a ticket's status change, a handoff to people. Each chat adapter implements it; deploy
 * routes by {@link ConversationKey#platform()}.
 *
 * <p>The text is shown like any reply: mentions in it are neutralised, so a tracker comment or a
 * model's words can never ping anyone. The only ping Parley ever makes is {@code onCallGroupId},
 * which comes from configuration.
 */
public interface ThreadPoster {

  /**
   * Posts {@code text} into the conversation's thread (a Slack {@code thread_ts}, a Discord thread
   * or channel). Blocks until the platform accepted it; honours the platform's rate limits.
   *
   * @param onCallGroupId the one group to ping, from the channel's configuration (a Slack user
   *     group id such as {@code S0123}, a Discord role id), or null to ping nobody
   * @throws ThreadPostException when the platform refused the post or could not be reached
   */
  void post(ConversationKey conversation, String text, String onCallGroupId);

  /** Why a post did not land; the message names the platform's reason and never a secret. */
  final class ThreadPostException extends RuntimeException {
    public ThreadPostException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
