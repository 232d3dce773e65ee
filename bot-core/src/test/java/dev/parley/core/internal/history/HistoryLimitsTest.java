package dev.parley.core.internal.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.internal.llm.ToolCall;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trimming rule both history stores share, on sizes given by hand. */
class HistoryLimitsTest {
  private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");
  private static final Turn USER = Turn.user("q", "U1", "Ada", AT, 1);
  private static final Turn ANSWER = Turn.assistant("a", AT, 1);
  private static final Turn CALLS = Turn.toolCalls(null, List.of(new ToolCall("c1", "t", "{}"), new ToolCall("c2", "t", "{}")), AT, 1);
  private static final Turn RESULT = Turn.toolResult("c1", "r", AT, 1);

  @Test
  void keepsEverythingThatFits() {
    assertThat(new HistoryLimits(10, 100).firstKept(List.of(USER, ANSWER), new long[] {40, 60})).isZero();
  }

  @Test
  void dropsTheOldestTurnsUntilTheBytesFit() {
    List<Turn> turns = List.of(USER, ANSWER, USER, ANSWER);
    assertThat(new HistoryLimits(10, 100).firstKept(turns, new long[] {50, 50, 50, 50})).isEqualTo(2);
    assertThat(new HistoryLimits(10, 99).firstKept(turns, new long[] {50, 50, 50, 49})).isEqualTo(2);
    assertThat(new HistoryLimits(10, 98).firstKept(turns, new long[] {50, 50, 50, 49})).isEqualTo(3);
  }

  @Test
  void neverStartsWithAToolResultEvenWhenTheBytesWouldAllowIt() {
    List<Turn> turns = List.of(USER, CALLS, RESULT, RESULT, ANSWER);
    // Dropping USER and CALLS (60 bytes) fits 80, but RESULT cannot lead: both results go too.
    assertThat(new HistoryLimits(10, 80).firstKept(turns, new long[] {30, 30, 20, 20, 30})).isEqualTo(4);
  }

  @Test
  void theTurnCapAppliesWithTheSameGroupRule() {
    List<Turn> turns = List.of(USER, CALLS, RESULT, RESULT, ANSWER);
    assertThat(new HistoryLimits(4, 1_000).firstKept(turns, new long[] {1, 1, 1, 1, 1})).isEqualTo(1);
    assertThat(new HistoryLimits(3, 1_000).firstKept(turns, new long[] {1, 1, 1, 1, 1})).isEqualTo(4);
  }

  @Test
  void keepsNothingWhenTheNewestTurnAloneIsTooBig() {
    assertThat(new HistoryLimits(10, 100).firstKept(List.of(USER, ANSWER), new long[] {10, 101})).isEqualTo(2);
  }

  @Test
  void sizeIsTheUtf8LengthOfTheStoredJson() {
    Turn emoji = Turn.user("🎉", "U1", "Ada", AT, 1);
    assertThat(HistoryLimits.sizeOf(emoji)).isEqualTo(TurnJson.encode(emoji).length() + 2);
  }

  @Test
  void rejectsLimitsThatKeepNothing() {
    assertThatThrownBy(() -> new HistoryLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HistoryLimits(10, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
