package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.handoff.HandoffStore;
import dev.parley.core.internal.history.HistoryStore;
import dev.parley.core.internal.history.Turn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConversationLine} must do, run against the line that asks the in-memory stores
 * one after the other and the Redis line of one script per step: the same reads, writes and order.
 */
public abstract class ConversationLineContractTest {
  protected static final ConversationKey A = new ConversationKey("slack", "T1", "C1", "1.1");
  protected static final Duration LONG = Duration.ofSeconds(10);
  protected static final long DAILY_TOKENS = 100;
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  /** A line; for a shared store each call stands for another bot process on the same data. */
  protected abstract ConversationLine line();

  /** The history the lines read and write. */
  protected abstract HistoryStore history();

  /** The conversation settings the lines read. */
  protected abstract ConversationSettingsStore settings();

  /** The token budget the lines spend, {@link #DAILY_TOKENS} a day. */
  protected abstract TokenBudget budget();

  /** The handed-off threads the lines read. */
  protected abstract HandoffStore handoffs();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private static Turn question(String text) {
    return Turn.user(text, "U1", "Ada", AT, 3);
  }

  private static Turn answer(String text) {
    return Turn.assistant(text, AT, 3);
  }

  @Test
  void aTurnReadsTheHistoryAndModelWhenItComesAndTheNextOneReadsWhatItWrote() throws Exception {
    settings().setModel(A, "picked-model");
    history().append(A, List.of(question("q0"), answer("a0")));
    ConversationLine.Place first = line().enqueue(A);
    ConversationLine.Place second = line().enqueue(A);

    ConversationLine.Front front = first.awaitTurn(LONG);
    assertThat(front.history()).containsExactly(question("q0"), answer("a0"));
    assertThat(front.model()).contains("picked-model");
    Future<ConversationLine.Front> next = threads.submit(() -> second.awaitTurn(LONG));

    assertThat(first.write(List.of(question("q1"), answer("a1")), 0)).isTrue();

    assertThat(next.get(LONG.toSeconds(), TimeUnit.SECONDS).history())
        .containsExactly(question("q0"), answer("a0"), question("q1"), answer("a1"));
    second.close();
  }

  @Test
  void aHandedOffThreadKeepsWhatWasSaidButGetsNoPlaceAndLeavesNoneBehindForTheTurnsAfterResume()
      throws Exception {
    history().append(A, List.of(question("q0"), answer("a0")));
    handoffs().begin(A, Instant.now(), Duration.ofHours(1));

    assertThat(line().enqueueUnlessHandedOff(A, question("to people"))).isEmpty();
    assertThat(line().enqueueUnlessHandedOff(A, null)).isEmpty();

    handoffs().end(A);
    ConversationLine.Place place = line().enqueueUnlessHandedOff(A, question("unused")).orElseThrow();
    try (place) {
      assertThat(place.awaitTurn(LONG).history()).containsExactly(question("q0"), answer("a0"), question("to people"));
    }
  }

  @Test
  void whatAHandedOffThreadKeepsStaysWithinTheHistoryCaps() {
    handoffs().begin(A, Instant.now(), Duration.ofHours(1));

    for (int i = 0; i < 500; i++) line().enqueueUnlessHandedOff(A, question("said " + i));

    List<Turn> kept = history().load(A);
    assertThat(kept).hasSizeLessThan(500).last().isEqualTo(question("said 499"));
  }

  @Test
  void aConversationWithoutAModelPickedHasNone() throws Exception {
    try (ConversationLine.Place place = line().enqueue(A)) {
      ConversationLine.Front front = place.awaitTurn(LONG);
      assertThat(front.model()).isEmpty();
      assertThat(front.history()).isEmpty();
    }
  }

  @Test
  void aResetAfterArrivalRefusesTheWriteAndStillLeavesTheLine() throws Exception {
    long before = history().generation(A);
    ConversationLine.Place early = line().enqueue(A);
    assertThat(early.generation()).isEqualTo(before);
    long after = history().clear(A);
    ConversationLine.Place late = line().enqueue(A);

    early.awaitTurn(LONG);
    assertThat(early.write(List.of(question("before the reset"), answer("forgotten")), 0)).isFalse();

    assertThat(late.generation()).isEqualTo(after);
    assertThat(late.awaitTurn(LONG).history()).isEmpty();
    assertThat(late.write(List.of(question("after"), answer("kept")), 0)).isTrue();
    assertThat(history().load(A)).containsExactly(question("after"), answer("kept"));
  }

  @Test
  void anAnswerAskedAgainReplacesTheOldOneInTheWriteAndLeavesTheLine() throws Exception {
    history().append(A, List.of(question("q0"), answer("a0"), question("q1"), answer("a1")));
    ConversationLine.Place place = line().enqueue(A);
    ConversationLine.Place next = line().enqueue(A);
    place.awaitTurn(LONG);

    assertThat(place.writeAnswerAgain(question("q1"), List.of(answer("a1 again")), 0))
        .isEqualTo(ConversationLine.Place.Rewritten.KEPT);

    assertThat(next.awaitTurn(LONG).history())
        .containsExactly(question("q0"), answer("a0"), question("q1"), answer("a1 again"));
    next.close();
  }

  @Test
  void anAnswerAskedAgainIsNotWrittenAfterANewerQuestionOrAReset() throws Exception {
    history().append(A, List.of(question("q1"), answer("a1"), question("q2"), answer("a2")));
    ConversationLine.Place late = line().enqueue(A);
    late.awaitTurn(LONG);
    assertThat(late.writeAnswerAgain(question("q1"), List.of(answer("again")), 0))
        .isEqualTo(ConversationLine.Place.Rewritten.MOVED_ON);
    assertThat(history().load(A)).containsExactly(question("q1"), answer("a1"), question("q2"), answer("a2"));

    ConversationLine.Place early = line().enqueue(A);
    history().clear(A);
    early.awaitTurn(LONG);
    assertThat(early.writeAnswerAgain(question("q2"), List.of(answer("again")), DAILY_TOKENS))
        .isEqualTo(ConversationLine.Place.Rewritten.RESET);
    assertThat(history().load(A)).isEmpty();
    assertThat(budget().hasTokensLeft(A)).isFalse();
  }

  @Test
  void theTokensAreCountedWithTheWriteEvenWhenItIsRefused() throws Exception {
    ConversationLine.Place place = line().enqueue(A);
    history().clear(A);
    place.awaitTurn(LONG);

    place.write(List.of(question("q"), answer("a")), DAILY_TOKENS);

    assertThat(budget().hasTokensLeft(A)).isFalse();
  }

  @Test
  void closingWithoutWritingLetsTheNextTurnIn() throws Exception {
    ConversationLine.Place first = line().enqueue(A);
    ConversationLine.Place second = line().enqueue(A);
    first.awaitTurn(LONG);

    first.close();

    assertThat(second.awaitTurn(LONG).history()).isEmpty();
    second.close();
  }

  @Test
  void closingAfterTheWriteDoesNotReleaseTheNextHolder() throws Exception {
    ConversationLine.Place first = line().enqueue(A);
    ConversationLine.Place second = line().enqueue(A);
    ConversationLine.Place third = line().enqueue(A);
    first.awaitTurn(LONG);
    first.write(List.of(question("q"), answer("a")), 0);
    second.awaitTurn(LONG);

    first.close();

    assertThatThrownBy(() -> third.awaitTurn(Duration.ofMillis(300))).isInstanceOf(TimeoutException.class);
    second.close();
  }
}
