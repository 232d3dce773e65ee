package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.assistant.SuggestedPrompt;
import dev.parley.core.api.reply.DisplayText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's AI app surface: suggested prompts when a user opens an assistant thread, the status
 * "is thinking…" while an answer is prepared (Slack clears it when the bot posts), and the
 * thread's title from its first question. All of it is decoration, so failures are logged and
 * never stop an answer. Thread-safe.
 */
final class AssistantThreads {
  private static final Logger log = LoggerFactory.getLogger(AssistantThreads.class);
  static final String THINKING = "is thinking…";
  private static final int TITLE_LIMIT = 80;
  private static final int STATUS_LIMIT = 100;
  private static final List<SuggestedPrompt> PROMPTS = List.of(
      new SuggestedPrompt("Summarise a topic", "Summarise the key points of a topic I'll describe."),
      new SuggestedPrompt("Explain some code", "Explain what the following code does:"),
      new SuggestedPrompt("Draft a message", "Help me draft a short, friendly message about:"));

  private final MethodsClient methods;
  /** How many opened, not yet asked threads are remembered; the oldest are forgotten first. */
  static final int MAX_UNTITLED = 10_000;

  /**
   * Threads opened but not asked anything yet; their first question becomes the title. Bounded:
   * a user (or a script) opening threads and never asking would otherwise grow it forever. A
   * forgotten thread only keeps Slack's default title.
   */
  private final Set<String> untitled;

  AssistantThreads(MethodsClient methods) {
    this(methods, MAX_UNTITLED);
  }

  AssistantThreads(MethodsClient methods, int maxUntitled) {
    this.methods = methods;
    this.untitled = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > maxUntitled;
      }
    }));
  }

  void started(AssistantThread thread) {
    untitled.add(thread.channelId() + "/" + thread.threadTs());
    quietly("assistant.threads.setSuggestedPrompts", () -> SlackCalls.call("assistant.threads.setSuggestedPrompts",
        () -> methods.assistantThreadsSetSuggestedPrompts(r -> r
            .channelId(thread.channelId()).threadTs(thread.threadTs()).title("Try asking").prompts(PROMPTS))));
  }

  /** Shows "is thinking…" and, for the thread's first question, titles the thread with it. */
  /** How many opened threads still wait for their first question. */
  int untitledCount() {
    return untitled.size();
  }

  void questionAsked(String channel, String threadTs, String question) {
    quietly("assistant.threads.setStatus", () -> SlackCalls.call("assistant.threads.setStatus",
        () -> methods.assistantThreadsSetStatus(r -> r.channelId(channel).threadTs(threadTs).status(THINKING))));
    if (untitled.remove(channel + "/" + threadTs)) {
      String title = DisplayText.cut(DisplayText.clean(question).strip(), TITLE_LIMIT);
      quietly("assistant.threads.setTitle", () -> SlackCalls.call("assistant.threads.setTitle",
          () -> methods.assistantThreadsSetTitle(r -> r.channelId(channel).threadTs(threadTs).title(title))));
    }
  }

  /**
   * Shows {@code line} (such as "Creating ticket…") as the thread's status, which Slack prints
   * after the app's name ("Parley is creating ticket…"), or clears the status when it is null.
   * Decoration like the rest: a refusal, a rate limit included, is logged and dropped.
   */
  void status(String channel, String threadTs, String line) {
    // A status may name a tool the model made up, so it is guarded like streamed text.
    String status = line == null ? ""
        : MentionGuard.neutralise(DisplayText.cut("is " + Character.toLowerCase(line.charAt(0)) + line.substring(1), STATUS_LIMIT));
    quietly("assistant.threads.setStatus", () -> SlackCalls.call("assistant.threads.setStatus",
        () -> methods.assistantThreadsSetStatus(r -> r.channelId(channel).threadTs(threadTs).status(status))));
  }

  private static void quietly(String method, Runnable call) {
    try {
      call.run();
    } catch (SlackCallException e) {
      log.info("slack {} failed: error={}", method, e.error());
    }
  }
}
