package dev.parley.core.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.EditRejectedException;
import dev.parley.core.api.reply.TokenBucket;
import dev.parley.core.internal.reply.ScriptedReplySink.Call;
import dev.parley.core.internal.reply.ScriptedReplySink.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditThrottleTest {
  private static final Duration FAST = Duration.ofMillis(10);

  private final ScriptedReplySink sink =
      new ScriptedReplySink(new EditBudget(FAST, TokenBucket.unlimited()), Duration.ZERO);
  private final EditThrottle throttle = new EditThrottle(sink, Duration.ZERO);

  @Test
  void afterARejectionSendsTheNewestTextNotTheStaleOne() {
    sink.on(Kind.UPDATE, 1, () -> {
      throttle.append("b");
      throttle.append("c");
      throw new EditRejectedException("429", Duration.ofMillis(80));
    });
    throttle.start();
    throttle.append("a");
    sink.awaitCalls(Kind.UPDATE, 2);
    throttle.finish();

    assertThat(sink.texts(Kind.UPDATE)).containsExactly("a", "abc");
    List<Call> updates = sink.calls(Kind.UPDATE);
    assertThat(updates.get(1).atNanos() - updates.get(0).atNanos())
        .isGreaterThanOrEqualTo(Duration.ofMillis(80).toNanos());
    assertThat(sink.texts(Kind.FINISH)).containsExactly("abc");
  }

  @Test
  void anUnpacedSinkGetsEachChangeAtOnceWhateverTheChannelCadence() {
    ScriptedReplySink terminal = new ScriptedReplySink(EditBudget.unpaced(), Duration.ZERO);
    EditThrottle unpaced = new EditThrottle(terminal, Duration.ofHours(1));
    unpaced.start();
    unpaced.append("a");
    terminal.awaitCalls(Kind.UPDATE, 1);
    unpaced.append("b");
    terminal.awaitCalls(Kind.UPDATE, 2);
    unpaced.finish();

    assertThat(terminal.texts(Kind.UPDATE)).containsExactly("a", "ab");
    assertThat(terminal.texts(Kind.FINISH)).containsExactly("ab");
  }

  @Test
  void aPacedSinkKeepsTheChannelCadenceOnTopOfItsBudget() {
    ScriptedReplySink platform = new ScriptedReplySink(new EditBudget(Duration.ZERO, TokenBucket.unlimited()), Duration.ZERO);
    EditThrottle paced = new EditThrottle(platform, Duration.ofMillis(200));
    paced.start();
    paced.append("a");
    platform.awaitCalls(Kind.UPDATE, 1);
    paced.append("b");
    platform.awaitCalls(Kind.UPDATE, 2);
    paced.finish();

    List<Call> updates = platform.calls(Kind.UPDATE);
    assertThat(updates.get(1).atNanos() - updates.get(0).atNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
  }

  @Test
  void statusLineGoesToItsOwnChannelAndNeverIntoTheText() {
    throttle.start();
    throttle.status("Thinking…");
    sink.awaitCalls(Kind.STATUS, 1);
    throttle.append("Looking it up.");
    throttle.status("Creating ticket…");
    sink.awaitCalls(Kind.STATUS, 2);
    throttle.status(null);
    sink.awaitCalls(Kind.STATUS, 3);
    throttle.append(" Done: #42");
    throttle.finish();

    assertThat(sink.texts(Kind.STATUS)).containsExactly("Thinking…", "Creating ticket…", null);
    assertThat(sink.texts(Kind.UPDATE)).isNotEmpty().allSatisfy(text -> assertThat(text).startsWith("Looking it up.")
        .doesNotContain("Creating", "Thinking"));
    assertThat(sink.texts(Kind.UPDATE)).allSatisfy(text -> assertThat("Looking it up. Done: #42").startsWith(text));
    assertThat(sink.texts(Kind.FINISH)).containsExactly("Looking it up. Done: #42");
    assertThat(sink.maxInFlight()).isEqualTo(1);
  }

  @Test
  void aStatusSetAndClearedBetweenTwoTurnsMayBeSkippedButNeverLeftShowing() {
    throttle.start();
    throttle.append("Text");
    sink.awaitCalls(Kind.UPDATE, 1);
    throttle.status("Running slow_tool…");
    throttle.status("");
    throttle.append(" more");
    throttle.finish();

    // Whether the worker saw the line before it was cleared is a race; either way nothing comes
    // after the final call, which clears a line still showing (ReplySink#status).
    assertThat(sink.calls().getLast().kind()).isEqualTo(Kind.FINISH);
    assertThat(sink.texts(Kind.FINISH)).containsExactly("Text more");
  }

  @Test
  void failKeepsThePartialTextAndTheNoticeAndEndsTheReply() {
    throttle.start();
    throttle.append("Partial answer ");
    throttle.status("_Searching…_");
    throttle.fail("⚠️ The model stopped answering.");
    throttle.append("late token");
    throttle.finish();
    throttle.fail("again");

    List<Call> calls = sink.calls();
    Call last = calls.get(calls.size() - 1);
    assertThat(last.kind()).isEqualTo(Kind.FAIL);
    assertThat(last.text()).isEqualTo("Partial answer ");
    assertThat(last.notice()).isEqualTo("⚠️ The model stopped answering.");
    assertThat(sink.calls(Kind.FAIL)).hasSize(1);
    assertThat(sink.calls(Kind.FINISH)).isEmpty();
    assertThat(throttle.text()).isEqualTo("Partial answer ");
  }

  @Test
  void nothingReachesTheSinkAfterFinish() {
    throttle.start();
    throttle.append("Hello");
    throttle.finish();
    int callsAtFinish = sink.calls().size();
    throttle.append(" world");
    throttle.status("_late_");
    throttle.finish();

    assertThat(sink.calls()).hasSize(callsAtFinish);
    assertThat(sink.calls().get(callsAtFinish - 1).kind()).isEqualTo(Kind.FINISH);
    assertThat(sink.texts(Kind.FINISH)).containsExactly("Hello");
    assertThat(throttle.text()).isEqualTo("Hello");
  }

  @Test
  void aRejectedFinishIsRetriedAfterRetryAfterUntilDelivered() {
    sink.reject(Kind.FINISH, 1, Duration.ofMillis(60)).reject(Kind.FINISH, 2, Duration.ofMillis(60));
    throttle.start();
    throttle.append("Final answer");
    throttle.finish();

    List<Call> finishes = sink.calls(Kind.FINISH);
    assertThat(finishes).extracting(Call::text).containsExactly("Final answer", "Final answer", "Final answer");
    assertThat(finishes.get(2).accepted()).isTrue();
    BudgetChecks.assertRetryAfterHonoured(finishes);
  }

  @Test
  void aFinishRejectedForeverIsAbandonedAfterBoundedAttempts() {
    for (int i = 1; i <= EditThrottle.MAX_FINAL_REJECTIONS + 5; i++) {
      sink.reject(Kind.FINISH, i, Duration.ofMillis(1));
    }
    throttle.start();
    throttle.append("Never shown");
    throttle.finish();

    assertThat(sink.calls(Kind.FINISH)).hasSize(EditThrottle.MAX_FINAL_REJECTIONS);
  }

  @Test
  void otherSinkFailuresAreLoggedAndTheStreamGoesOn() {
    sink.on(Kind.UPDATE, 1, () -> {
      throttle.append(" more");
      throw new IllegalStateException("socket reset");
    });
    sink.on(Kind.FINISH, 1, () -> {
      throw new IllegalStateException("socket reset");
    });
    throttle.start();
    throttle.append("Some");
    sink.awaitCalls(Kind.UPDATE, 2);
    throttle.finish();

    assertThat(sink.texts(Kind.UPDATE)).containsExactly("Some", "Some more");
    assertThat(sink.calls(Kind.FINISH)).extracting(Call::accepted).containsExactly(false, true);
    assertThat(sink.texts(Kind.FINISH)).containsOnly("Some more");
  }

  @Test
  void aFinishThatKeepsFailingIsAbandoned() {
    for (int i = 1; i <= EditThrottle.MAX_FINAL_FAILURES + 2; i++) {
      sink.on(Kind.FINISH, i, () -> {
        throw new IllegalStateException("platform down");
      });
    }
    throttle.start();
    throttle.finish();

    assertThat(sink.calls(Kind.FINISH)).hasSize(EditThrottle.MAX_FINAL_FAILURES);
  }

  @Test
  void theConfiguredCadenceWinsWhenItIsSlowerThanThePlatforms() {
    EditThrottle slow = new EditThrottle(sink, Duration.ofMillis(150));
    slow.start();
    slow.append("one");
    sink.awaitCalls(Kind.UPDATE, 1);
    slow.append(" two");
    slow.finish();

    BudgetChecks.assertSpaced(sink.calls(), Duration.ofMillis(150));
    assertThat(sink.calls()).extracting(Call::kind).startsWith(Kind.START, Kind.UPDATE).endsWith(Kind.FINISH);
    assertThat(sink.texts(Kind.FINISH)).containsExactly("one two");
  }

  @Test
  void endingAReplyThatNeverStartedIsAMistake() {
    assertThatThrownBy(throttle::finish).isInstanceOf(IllegalStateException.class);
    throttle.start();
    assertThatThrownBy(throttle::start).isInstanceOf(IllegalStateException.class);
    throttle.finish();
    assertThat(sink.calls()).extracting(Call::kind).containsExactly(Kind.START, Kind.FINISH);
  }
}
