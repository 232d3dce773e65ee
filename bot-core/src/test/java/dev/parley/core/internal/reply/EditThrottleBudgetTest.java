package dev.parley.core.internal.reply;

import static dev.parley.core.internal.reply.BudgetChecks.assertGrowingPrefixes;
import static dev.parley.core.internal.reply.BudgetChecks.assertRetryAfterHonoured;
import static dev.parley.core.internal.reply.BudgetChecks.assertSpaced;
import static dev.parley.core.internal.reply.BudgetChecks.assertWithinBucket;
import static dev.parley.core.internal.reply.BudgetChecks.tokenCalls;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.TokenBucket;
import dev.parley.core.internal.reply.ScriptedReplySink.Call;
import dev.parley.core.internal.reply.ScriptedReplySink.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams thousands of bursty tokens through throttles and checks the recorded calls. */
class EditThrottleBudgetTest {
  private static final String[] PIECES = {
    "héllo", " wörld", "🙂", "👩‍💻", "日本語", "\n", "—", "a", "\r\n", "𝄞", " ", "**bold**", "ß", "🇫🇷", "\t"
  };
  private static final Duration LATENCY = Duration.ofMillis(3);

  private final ExecutorService models = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void stopModels() {
    models.shutdownNow();
  }

  @Test
  void burstyStreamStaysInBudgetSurvivesRejectionsAndArrivesExactly() throws Exception {
    TokenBucket bucket = BudgetChecks.observedBucket(5, Duration.ofSeconds(1));
    Duration minInterval = Duration.ofMillis(100);
    ScriptedReplySink sink = new ScriptedReplySink(new EditBudget(minInterval, bucket), LATENCY)
        .reject(Kind.UPDATE, 3, Duration.ofMillis(300))
        .reject(Kind.UPDATE, 7, Duration.ofMillis(250));
    EditThrottle throttle = new EditThrottle(sink, Duration.ZERO);
    List<String> tokens = tokens(2_000, 1);

    throttle.start();
    stream(throttle, tokens, Duration.ofMillis(75)).get(30, TimeUnit.SECONDS);

    String expected = String.join("", tokens);
    List<Call> finished = sink.calls(Kind.FINISH);
    assertThat(finished).hasSize(1);
    assertThat(finished.get(0).text().getBytes(UTF_8)).isEqualTo(expected.getBytes(UTF_8));
    assertThat(throttle.text()).isEqualTo(expected);
    assertThat(sink.calls().get(sink.calls().size() - 1).kind()).isEqualTo(Kind.FINISH);
    assertThat(sink.calls(Kind.UPDATE).stream().filter(c -> c.rejectedFor() != null)).hasSize(2);
    assertThat(sink.maxInFlight()).isEqualTo(1);
    assertSpaced(sink.calls(), minInterval);
    assertWithinBucket(tokenCalls(sink), 5, Duration.ofSeconds(1));
    assertRetryAfterHonoured(sink.calls());
    List<Call> accepted = sink.calls(Kind.UPDATE).stream().filter(Call::accepted).toList();
    assertGrowingPrefixes(sink.texts(Kind.UPDATE), accepted, expected);
    // Coalescing: far fewer edits than tokens, yet the text was shown as it grew. How many edits
    // fit depends on how long the stream took on the real clock, so only bounds that hold on any
    // machine are checked here; assertWithinBucket above is the timing-exact bound.
    assertThat(accepted.size()).isGreaterThanOrEqualTo(2).isLessThan(tokens.size() / 10);
  }

  @Test
  void repliesSharingAChannelBucketTogetherRespectIt() throws Exception {
    TokenBucket shared = BudgetChecks.observedBucket(3, Duration.ofMillis(600));
    Duration minInterval = Duration.ofMillis(50);
    ScriptedReplySink first = new ScriptedReplySink(new EditBudget(minInterval, shared), LATENCY)
        .reject(Kind.UPDATE, 2, Duration.ofMillis(200));
    ScriptedReplySink second = new ScriptedReplySink(new EditBudget(minInterval, shared), LATENCY);
    EditThrottle one = new EditThrottle(first, Duration.ZERO);
    EditThrottle two = new EditThrottle(second, Duration.ZERO);
    List<String> tokensOne = tokens(1_200, 2);
    List<String> tokensTwo = tokens(1_200, 3);

    one.start();
    two.start();
    CompletableFuture<Void> both = CompletableFuture.allOf(
        stream(one, tokensOne, Duration.ofMillis(80)), stream(two, tokensTwo, Duration.ofMillis(65)));
    both.get(30, TimeUnit.SECONDS);

    assertThat(first.texts(Kind.FINISH)).containsExactly(String.join("", tokensOne));
    assertThat(second.texts(Kind.FINISH)).containsExactly(String.join("", tokensTwo));
    assertWithinBucket(tokenCalls(first, second), 3, Duration.ofMillis(600));
    for (ScriptedReplySink sink : List.of(first, second)) {
      assertThat(sink.maxInFlight()).isEqualTo(1);
      assertSpaced(sink.calls(), minInterval);
      assertRetryAfterHonoured(sink.calls());
    }
    // Both replies got edits in while sharing the bucket.
    assertThat(first.calls(Kind.UPDATE)).hasSizeGreaterThan(2);
    assertThat(second.calls(Kind.UPDATE)).hasSizeGreaterThan(2);
  }

  /** Plays the model: bursts of 50 tokens with a pause after each, then finishes the reply. */
  private CompletableFuture<Void> stream(EditThrottle throttle, List<String> tokens, Duration pause) {
    return CompletableFuture.runAsync(() -> {
      for (int i = 0; i < tokens.size(); i++) {
        throttle.append(tokens.get(i));
        if (i % 50 == 49) LockSupport.parkNanos(pause.toNanos());
      }
      throttle.finish();
    }, models);
  }

  private static List<String> tokens(int count, long seed) {
    Random random = new Random(seed);
    List<String> tokens = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder token = new StringBuilder();
      for (int pieces = 1 + random.nextInt(3); pieces > 0; pieces--) {
        token.append(PIECES[random.nextInt(PIECES.length)]);
      }
      tokens.add(token.toString());
    }
    return tokens;
  }
}
