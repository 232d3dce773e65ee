package dev.parley.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.discord.e2e.RecordedCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What people would have seen, read from the requests the fake Discord received: when each
 * {@code /ask} was acknowledged, what each edit of its original response showed and when, and the
 * 429s. Pure: it takes the recorded calls and the tokens the fake Groq sent, nothing live.
 */
final class DiscordMeasurements {
  /**
   * The permitted interval of an {@code /ask} answer: Discord limits interaction webhooks per
   * interaction token, outside the bot's global limit (PROTOCOL-NOTES, "Discord rate limits by
   * route"), so an answer has its bucket to itself. The fake allows 5 edits per 5 s per bucket,
   * which makes one edit a second the answer's whole fair share.
   */
  static final double INTERACTION_INTERVAL_MS = 1000;

  private final List<Double> placeholders = new ArrayList<>();
  private final StringBuilder placeholderRows = new StringBuilder("id,asked_epoch_ms,placeholder_ms\n");
  private final AnswerTimeline timeline = new AnswerTimeline();
  private int unanswered;
  private int tooManyRequests;
  private final StringBuilder rateLimitedRows = new StringBuilder("at_epoch_ms,method,route,after_a_429_in_its_bucket\n");

  DiscordMeasurements(List<RecordedCall> calls, List<DiscordLoad.Asked> asked, IntFunction<PacedGroq.Sent> sent,
      int tokensPerAnswer) {
    Map<String, Long> callbacks = new HashMap<>();
    Map<String, List<AnswerTimeline.Shown>> edits = new HashMap<>();
    for (RecordedCall call : calls) {
      List<String> r = call.route();
      if (r.size() == 4 && r.get(0).equals("interactions") && r.get(3).equals("callback") && call.status() < 300) {
        callbacks.putIfAbsent(r.get(2), call.at().toEpochMilli());
      } else if (r.size() == 5 && r.get(0).equals("webhooks") && call.method().equals("PATCH") && call.status() < 300) {
        JsonNode content = call.body().path("content");
        if (content.isTextual()) {
          edits.computeIfAbsent(r.get(2), t -> new ArrayList<>())
              .add(new AnswerTimeline.Shown(call.at().toEpochMilli(), content.asText()));
        }
      }
    }
    countRateLimits(calls);
    for (DiscordLoad.Asked a : asked) {
      Long placeholder = callbacks.get(a.token());
      if (placeholder != null) placeholders.add((double) (placeholder - a.at()));
      placeholderRows.append(a.id()).append(',').append(a.at()).append(',')
          .append(placeholder == null ? "" : Long.toString(placeholder - a.at())).append('\n');
      PacedGroq.Sent answer = sent.apply(a.id());
      if (answer == null) {
        unanswered++;
        timeline.unanswered(tokensPerAnswer);
      } else {
        timeline.add(a.id(), a.at(), answer, edits.getOrDefault(a.token(), List.of()), INTERACTION_INTERVAL_MS);
      }
    }
  }

  /**
   * 429s, each listed with whether the previous answer in its bucket was a 429 too. That is a hint,
   * not a verdict: a request that waited out a global 429 can meet the next full window. Whether a
   * request came before its {@code Retry-After} passed is the fake's own exact record
   * ({@code FakeDiscordLimits}).
   */
  private void countRateLimits(List<RecordedCall> calls) {
    Map<String, Integer> lastStatus = new HashMap<>();
    for (RecordedCall call : calls.stream().sorted(Comparator.comparing(RecordedCall::at)).toList()) {
      String bucket = bucket(call.route());
      if (bucket == null) continue;
      Integer previous = lastStatus.put(bucket, call.status());
      if (call.status() != 429) continue;
      tooManyRequests++;
      boolean afterA429 = previous != null && previous == 429;
      rateLimitedRows.append(call.at().toEpochMilli()).append(',').append(call.method()).append(',')
          .append(String.join("/", call.route())).append(',').append(afterA429).append('\n');
    }
  }

  /** The fake's bucket of a route: one per interaction webhook, one per channel's messages. */
  static String bucket(List<String> route) {
    if (route.size() >= 3 && route.get(0).equals("webhooks")) return "webhook:" + route.get(2);
    if (route.size() >= 3 && route.get(0).equals("channels") && route.get(2).equals("messages")) {
      return "channel:" + route.get(1);
    }
    return null;
  }

  /** Every 429 the fake answered, in time order: which routes met the limits, and which did not wait. */
  void writeRateLimited(Path file) throws IOException {
    Files.writeString(file, rateLimitedRows);
  }

  /** Each question's time to placeholder in the order asked: a queue shows as a slope. */
  void writePlaceholders(Path file) throws IOException {
    Files.writeString(file, placeholderRows);
  }

  Distribution placeholders() {
    return Distribution.of(placeholders);
  }

  AnswerTimeline timeline() {
    return timeline;
  }

  int unanswered() {
    return unanswered;
  }

  int tooManyRequests() {
    return tooManyRequests;
  }
}
