package dev.parley.slack;

import dev.parley.core.api.ConversationKey;
import java.util.Objects;

/**
 * Where a reply goes.
 *
 * @param threadTs the thread to answer in, or null to answer at the top level (a DM, a slash
 *     command); native streaming needs a thread
 * @param recipientUserId the user the answer is for, which {@code chat.startStream} wants
 * @param teamId the workspace, for {@code chat.startStream} and the per-workspace budgets
 */
record ReplyTarget(ConversationKey key, String channel, String threadTs, String recipientUserId, String teamId) {
  public ReplyTarget {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(recipientUserId, "recipientUserId");
    Objects.requireNonNull(teamId, "teamId");
  }
}
