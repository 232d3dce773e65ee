package dev.parley.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.slack.e2e.FakeSlack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlackMeasurementsTest {
  private static final long T0 = 1_800_000_000_000L;
  private static final String CHANNEL = "C0LOAD7";
  private static final String THREAD = "1767225600.001000";
  private static final String STREAM = "1767225600.001200";
  private static final PacedGroq.Sent SENT = new PacedGroq.Sent(new String[] {"a7", " w1", " w2"},
      new long[] {T0, T0 + 10, T0 + 20});
  private static final SlackMeasurements.Asked ASKED = new SlackMeasurements.Asked(7, CHANNEL, THREAD, T0 - 100);

  @Test
  void theStreamIsTheAnswerAndTheWritingMessageWithItsStopButtonIsNot() {
    List<FakeSlack.ApiCall> calls = List.of(
        call("chat.startStream", T0 + 900, Map.of("channel", CHANNEL, "thread_ts", THREAD)),
        call("chat.appendStream", T0 + 910, Map.of("channel", CHANNEL, "ts", STREAM, "markdown_text", "a7 w1")),
        call("chat.postMessage", T0 + 950, Map.of("channel", CHANNEL, "thread_ts", THREAD, "text", "_Writing the answer…_")),
        call("chat.appendStream", T0 + 2000, Map.of("channel", CHANNEL, "ts", STREAM, "markdown_text", " w2")),
        call("chat.stopStream", T0 + 2100, Map.of("channel", CHANNEL, "ts", STREAM)));

    SlackMeasurements measured = measure(calls, List.of());

    assertThat(measured.placeholders().sorted()).containsExactly(1000);
    assertThat(measured.timeline().lags().sorted()).containsExactly(900, 910, 1980);
    assertThat(measured.timeline().tokensLost()).isZero();
  }

  @Test
  void anUpdatedMessageShowsItsLatestText() {
    List<FakeSlack.ApiCall> calls = List.of(
        call("chat.postMessage", T0 + 100, Map.of("channel", CHANNEL, "thread_ts", THREAD, "text", "…")),
        call("chat.update", T0 + 500, Map.of("channel", CHANNEL, "ts", STREAM, "text", "a7 w1 w2")));

    SlackMeasurements measured = measure(calls, List.of());

    assertThat(measured.timeline().lags().sorted()).containsExactly(480, 490, 500);
  }

  @Test
  void aCallOfTheSameMethodBeforeTheRetryAfterPassedIsCounted() {
    List<FakeSlack.ApiCall> calls = List.of(
        new FakeSlack.ApiCall("chat.appendStream", Map.of("channel", CHANNEL, "ts", STREAM), "t",
            Instant.ofEpochMilli(T0), 429, "ratelimited"),
        call("chat.appendStream", T0 + 500, Map.of("channel", CHANNEL, "ts", STREAM, "markdown_text", "a7")),
        call("chat.appendStream", T0 + 1500, Map.of("channel", CHANNEL, "ts", STREAM, "markdown_text", " w1 w2")));
    List<FakeSlack.Rejection> rejections = List.of(
        new FakeSlack.Rejection("chat.appendStream", Instant.ofEpochMilli(T0), Duration.ofSeconds(1)));

    SlackMeasurements measured = measure(calls, rejections);

    assertThat(measured.tooManyRequests()).isEqualTo(1);
    assertThat(measured.sentBeforeRetryAfter()).isEqualTo(1);
  }

  private static SlackMeasurements measure(List<FakeSlack.ApiCall> calls, List<FakeSlack.Rejection> rejections) {
    return new SlackMeasurements(calls, rejections, List.of(ASKED), id -> SENT, (channel, thread) -> Set.of(STREAM), 3);
  }

  private static FakeSlack.ApiCall call(String method, long at, Map<String, String> params) {
    return new FakeSlack.ApiCall(method, params, "xoxb", Instant.ofEpochMilli(at), 200, null);
  }
}
