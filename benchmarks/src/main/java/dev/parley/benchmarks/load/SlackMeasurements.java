package dev.parley.benchmarks.load;

import dev.parley.slack.e2e.FakeSlack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * What people would have seen in one Slack workspace, read from the Web API calls the fake Slack
 * received: the first call in each question's thread (the status or placeholder), and what the
 * answer showed after each successful {@code chat.startStream}, {@code chat.appendStream},
 * {@code chat.stopStream}, {@code chat.postMessage} and {@code chat.update}.
 */
final class SlackMeasurements {
  /** Slack's per-workspace tiers (PROTOCOL-NOTES; api.slack.com/docs/rate-limits): calls per minute. */
  static final int APPEND_STREAM_PER_MINUTE = 100;
  static final int UPDATE_PER_MINUTE = 50;

  private final List<Double> placeholders = new ArrayList<>();
  private final AnswerTimeline timeline = new AnswerTimeline();
  private final double streamIntervalMs;
  private int unanswered;
  private int tooManyRequests;
  private int sentBeforeRetryAfter;

  /** One question: its channel, the ts of the mention (the thread), and when it was sent. */
  record Asked(int id, String channel, String ts, long at) {}

  /**
   * @param threadMessages the ts of the bot's messages (not deleted) in a question's thread, by channel and thread ts
   */
  SlackMeasurements(List<FakeSlack.ApiCall> calls, List<FakeSlack.Rejection> rejections, List<Asked> asked,
      IntFunction<PacedGroq.Sent> sent, BiFunction<String, String, Set<String>> threadMessages,
      int tokensPerAnswer) {
    // Every live answer shares the workspace's budget per method: that share is the permitted interval.
    this.streamIntervalMs = 60_000.0 * asked.size() / APPEND_STREAM_PER_MINUTE;
    double updateIntervalMs = 60_000.0 * asked.size() / UPDATE_PER_MINUTE;
    List<FakeSlack.ApiCall> ordered = calls.stream().sorted(Comparator.comparing(FakeSlack.ApiCall::at)).toList();
    countRateLimits(ordered, rejections);
    for (Asked a : asked) {
      ordered.stream().filter(c -> inThread(c, a)).findFirst()
          .ifPresent(c -> placeholders.add((double) (c.at().toEpochMilli() - a.at())));
      PacedGroq.Sent answer = sent.apply(a.id());
      if (answer == null) {
        unanswered++;
        timeline.unanswered(tokensPerAnswer);
        continue;
      }
      Set<String> messages = threadMessages.apply(a.channel(), a.ts());
      List<AnswerTimeline.Shown> shown = views(ordered, a, messages);
      boolean streamed = ordered.stream().anyMatch(c -> c.method().equals("chat.startStream") && inThread(c, a));
      timeline.add(a.id(), a.at(), answer, shown, streamed ? streamIntervalMs : updateIntervalMs);
    }
  }

  /**
   * The answer's text after each successful write to it: the texts of its messages in order. A
   * message counts once {@code chat.appendStream}, {@code chat.stopStream} or {@code chat.update}
   * gave it text; the "Writing the answer…" message with its Stop button, posted and later deleted,
   * never does, so it is not taken for the answer.
   */
  private static List<AnswerTimeline.Shown> views(List<FakeSlack.ApiCall> calls, Asked a, Set<String> messages) {
    List<AnswerTimeline.Shown> views = new ArrayList<>();
    Map<String, StringBuilder> texts = new TreeMap<>();
    String started = "";
    for (FakeSlack.ApiCall c : calls) {
      if (!c.ok() || !a.channel().equals(c.param("channel"))) continue;
      String ts = c.param("ts");
      switch (c.method()) {
        case "chat.startStream" -> {
          if (!a.ts().equals(c.param("thread_ts"))) continue;
          // The new message's ts is in the response, not the request: its first text waits for the next append.
          started = orEmpty(c.param("markdown_text"));
          if (started.isEmpty()) continue;
        }
        case "chat.appendStream", "chat.stopStream" -> {
          if (!messages.contains(ts)) continue;
          StringBuilder text = texts.computeIfAbsent(ts, t -> new StringBuilder());
          if (text.isEmpty()) text.append(started);
          started = "";
          text.append(orEmpty(c.param("markdown_text")));
        }
        case "chat.update" -> {
          if (!messages.contains(ts)) continue;
          texts.put(ts, new StringBuilder(orEmpty(c.param("text"))));
        }
        default -> {
          continue;
        }
      }
      views.add(new AnswerTimeline.Shown(c.at().toEpochMilli(), started + String.join("", texts.values())));
    }
    return views;
  }

  private static boolean inThread(FakeSlack.ApiCall c, Asked a) {
    String channel = c.param("channel") != null ? c.param("channel") : c.param("channel_id");
    return a.channel().equals(channel) && a.ts().equals(c.param("thread_ts"));
  }

  /**
   * 429s, and calls of a method sent while an earlier 429 of that method (one workspace: Slack
   * keys its limits per method, workspace and app) still asked to wait.
   */
  private void countRateLimits(List<FakeSlack.ApiCall> calls, List<FakeSlack.Rejection> rejections) {
    Map<String, List<FakeSlack.Rejection>> byMethod = rejections.stream()
        .collect(Collectors.groupingBy(FakeSlack.Rejection::method));
    for (FakeSlack.ApiCall c : calls) {
      if (c.status() == 429) tooManyRequests++;
      for (FakeSlack.Rejection r : byMethod.getOrDefault(c.method(), List.of())) {
        Instant until = r.at().plus(r.retryAfter());
        if (c.at().isAfter(r.at()) && c.at().isBefore(until)) {
          sentBeforeRetryAfter++;
          break;
        }
      }
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  Distribution placeholders() {
    return Distribution.of(placeholders);
  }

  AnswerTimeline timeline() {
    return timeline;
  }

  double streamIntervalMs() {
    return streamIntervalMs;
  }

  int unanswered() {
    return unanswered;
  }

  int tooManyRequests() {
    return tooManyRequests;
  }

  int sentBeforeRetryAfter() {
    return sentBeforeRetryAfter;
  }
}
