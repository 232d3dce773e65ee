package dev.parley.slack;

import java.util.Objects;

/** An assistant thread a user opened in Slack's AI app surface ({@code assistant_thread_started}). */
record AssistantThread(String teamId, String channelId, String threadTs, String userId) {
  public AssistantThread {
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(threadTs, "threadTs");
  }
}
