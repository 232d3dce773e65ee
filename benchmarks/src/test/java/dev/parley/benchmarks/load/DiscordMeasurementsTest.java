package dev.parley.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.parley.discord.e2e.RecordedCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscordMeasurementsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "itoken-1";
  private static final long T0 = 1_800_000_000_000L;

  /** Three tokens sent at T0, T0+10 and T0+20 ms: "a7", " w1", " w2". */
  private static final PacedGroq.Sent SENT = new PacedGroq.Sent(new String[] {"a7", " w1", " w2"},
      new long[] {T0, T0 + 10, T0 + 20});

  @Test
  void lagRunsFromATokenLeavingGroqToTheFirstEditShowingIt() {
    List<RecordedCall> calls = List.of(callback(T0 - 40), edit(T0 + 500, "a7 w1"), edit(T0 + 1500, "a7 w1 w2"));

    DiscordMeasurements measured = measure(calls);

    assertThat(measured.placeholders().sorted()).containsExactly(60);
    assertThat(measured.timeline().lags().sorted()).containsExactly(490, 500, 1480);
    assertThat(measured.timeline().lagBeyondInterval().sorted()).containsExactly(0, 0, 480);
    assertThat(measured.timeline().tokensLost()).isZero();
    assertThat(measured.timeline().tokensSent()).isEqualTo(3);
  }

  @Test
  void eachAnswersRowNamesItsFirstViewLongestGapLastViewAndEveryView(@TempDir Path dir) throws IOException {
    DiscordMeasurements measured = measure(List.of(callback(T0 - 40), edit(T0 - 20, "\u23f3 _Thinking\u2026_"),
        edit(T0 + 500, "a7 w1"), edit(T0 + 2600, "a7 w1 w2")));

    Path file = dir.resolve("answers.csv");
    measured.timeline().writeAnswers(file);

    assertThat(Files.readAllLines(file)).containsExactly(
        "id,first_token_epoch_ms,last_token_epoch_ms,views,first_view_ms,longest_gap_ms,last_view_ms,worst_beyond_ms,"
            + "first_words_ms,complete_ms,view_times_ms",
        "7," + T0 + "," + (T0 + 20) + ",3,500,2100,2580,1580,600,2700,-20:0 500:2 2600:3");
    assertThat(measured.timeline().firstWords().sorted()).as("from the question, asked at T0 - 100").containsExactly(600);
    assertThat(measured.timeline().complete().sorted()).containsExactly(2700);
  }

  @Test
  void aTokenCutInHalfOrFollowedByATypingMarkIsShownOnlyWhenWhole() {
    DiscordMeasurements measured = measure(List.of(callback(T0), edit(T0 + 100, "a7 w"), edit(T0 + 200, "a7 w1 w2 ▌")));

    assertThat(measured.timeline().lags().sorted()).containsExactly(100, 180, 190);
  }

  @Test
  void tokensTheLastEditDoesNotShowAreLost() {
    DiscordMeasurements measured = measure(List.of(callback(T0), edit(T0 + 100, "a7 w1")));

    assertThat(measured.timeline().tokensLost()).isEqualTo(1);
    assertThat(measured.timeline().answersWithLoss()).isEqualTo(1);
  }

  @Test
  void everyRefusalCounts() {
    List<RecordedCall> calls = List.of(callback(T0), edit(T0 + 100, "a7"), refused(T0 + 200), refused(T0 + 300),
        edit(T0 + 5100, "a7 w1 w2"));

    DiscordMeasurements measured = measure(calls);

    assertThat(measured.tooManyRequests()).isEqualTo(2);
    // The edit that followed the refusals still shows every token.
    assertThat(measured.timeline().tokensLost()).isZero();
  }

  @Test
  void aQuestionGroqNeverSawIsUnansweredAndAllItsTokensLost() {
    DiscordMeasurements measured = new DiscordMeasurements(List.of(callback(T0)),
        List.of(new DiscordLoad.Asked(7, TOKEN, T0)), id -> null, 300);

    assertThat(measured.unanswered()).isEqualTo(1);
    assertThat(measured.timeline().tokensLost()).isEqualTo(300);
  }

  private static DiscordMeasurements measure(List<RecordedCall> calls) {
    return new DiscordMeasurements(calls, List.of(new DiscordLoad.Asked(7, TOKEN, T0 - 100)), id -> SENT, 3);
  }

  private static RecordedCall callback(long at) {
    return new RecordedCall("POST", List.of("interactions", "1", TOKEN, "callback"), MissingNode.getInstance(), 200,
        Instant.ofEpochMilli(at), null);
  }

  private static RecordedCall edit(long at, String content) {
    return new RecordedCall("PATCH", List.of("webhooks", "1100", TOKEN, "messages", "@original"),
        JSON.createObjectNode().put("content", content), 200, Instant.ofEpochMilli(at), null);
  }

  private static RecordedCall refused(long at) {
    return new RecordedCall("PATCH", List.of("webhooks", "1100", TOKEN, "messages", "@original"),
        JSON.createObjectNode().put("content", "a7 w1"), 429, Instant.ofEpochMilli(at), null);
  }
}
