package dev.parley.core.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.llm.ToolCall;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link HistoryStore} must do, run against each implementation. */
public abstract class HistoryStoreContractTest {

  protected static final ConversationKey THREAD = new ConversationKey("slack", "T1", "C1", "123.45");
  protected static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

  /** A store keeping at most {@code limits} per conversation. */
  protected abstract HistoryStore store(HistoryLimits limits);

  /** A store keeping at most {@code maxTurns} turns per conversation, and the default bytes. */
  protected HistoryStore store(int maxTurns) {
    return store(HistoryLimits.ofTurns(maxTurns));
  }

  @Test
  void roundTripsEveryFieldOfEveryKindOfTurn() {
    HistoryStore store = store(50);
    List<Turn> turns = List.of(
        Turn.user("hi \"there\" ü 🎉", "U1", "Ada L.", AT, 7),
        Turn.toolCalls(null, List.of(new ToolCall("call_1", "create_ticket", "{\"title\":\"x\"}"),
            new ToolCall("call_2", "search", "not json")), AT.plusSeconds(1), 12),
        Turn.toolResult("call_1", "{\"id\":\"SUP-1\"}", AT.plusSeconds(2), 5),
        Turn.assistantInterrupted("half an answ", AT.plusSeconds(3), 4),
        Turn.assistant("done", AT.plusSeconds(4), 1));

    store.append(THREAD, turns);

    assertThat(store.load(THREAD)).containsExactlyElementsOf(turns);
  }

  @Test
  void unknownConversationIsEmpty() {
    assertThat(store(5).load(new ConversationKey("discord", "G9", "C9", "C9"))).isEmpty();
  }

  @Test
  void keepsOnlyTheNewestTurnsUpToTheCap() {
    HistoryStore store = store(3);
    for (int i = 1; i <= 5; i++) store.append(THREAD, List.of(user("m" + i)));

    assertThat(store.load(THREAD)).extracting(Turn::content).containsExactly("m3", "m4", "m5");
  }

  @Test
  void appendsSeveralTurnsInOrderAndTrimsAcrossThem() {
    HistoryStore store = store(4);
    store.append(THREAD, List.of(user("a"), user("b")));
    store.append(THREAD, List.of(user("c"), user("d"), user("e")));

    assertThat(store.load(THREAD)).extracting(Turn::content).containsExactly("b", "c", "d", "e");
  }

  @Test
  void conversationsAndTenantsAreIsolated() {
    HistoryStore store = store(10);
    ConversationKey otherThread = new ConversationKey("slack", "T1", "C1", "999.99");
    ConversationKey otherTenant = new ConversationKey("slack", "T2", "C1", "123.45");
    ConversationKey otherPlatform = new ConversationKey("discord", "T1", "C1", "123.45");
    store.append(THREAD, List.of(user("mine")));
    store.append(otherTenant, List.of(user("theirs")));

    assertThat(store.load(THREAD)).extracting(Turn::content).containsExactly("mine");
    assertThat(store.load(otherTenant)).extracting(Turn::content).containsExactly("theirs");
    assertThat(store.load(otherThread)).isEmpty();
    assertThat(store.load(otherPlatform)).isEmpty();
  }

  @Test
  void clearForgetsOnlyThatConversation() {
    HistoryStore store = store(10);
    ConversationKey other = new ConversationKey("slack", "T2", "C1", "123.45");
    store.append(THREAD, List.of(user("gone")));
    store.append(other, List.of(user("kept")));

    store.clear(THREAD);

    assertThat(store.load(THREAD)).isEmpty();
    assertThat(store.load(other)).extracting(Turn::content).containsExactly("kept");
  }

  @Test
  void anAppendFromBeforeAClearIsRefusedAndWritesNothing() {
    HistoryStore store = store(10);
    store.append(THREAD, List.of(user("old question"), user("old answer")));
    long before = store.generation(THREAD);

    store.clear(THREAD);

    assertThat(store.append(THREAD, before, List.of(user("late answer")))).isFalse();
    assertThat(store.load(THREAD)).isEmpty();
  }

  @Test
  void aClearOfAConversationWithNoHistoryStillRefusesEarlierAppends() {
    HistoryStore store = store(10);
    long before = store.generation(THREAD);

    store.clear(THREAD);

    assertThat(store.append(THREAD, before, List.of(user("late")))).isFalse();
    assertThat(store.load(THREAD)).isEmpty();
  }

  @Test
  void anAppendFromTheCurrentGenerationIsKept() {
    HistoryStore store = store(10);
    store.append(THREAD, List.of(user("before reset")));
    long current = store.clear(THREAD);
    assertThat(store.generation(THREAD)).isEqualTo(current);

    assertThat(store.append(THREAD, current, List.of(user("after reset")))).isTrue();
    assertThat(store.append(THREAD, current, List.of(user("and more")))).isTrue();

    assertThat(store.load(THREAD)).extracting(Turn::content).containsExactly("after reset", "and more");
    assertThat(store.generation(THREAD)).isEqualTo(current);
  }

  @Test
  void aClearMovesOnlyThatConversationsGeneration() {
    HistoryStore store = store(10);
    ConversationKey other = new ConversationKey("slack", "T2", "C1", "123.45");
    long otherBefore = store.generation(other);

    store.clear(THREAD);

    assertThat(store.generation(THREAD)).isNotEqualTo(otherBefore);
    assertThat(store.append(other, otherBefore, List.of(user("kept")))).isTrue();
    assertThat(store.load(other)).extracting(Turn::content).containsExactly("kept");
  }

  @Test
  void concurrentAppendsNeverInterleaveOneCall() throws Exception {
    HistoryStore store = store(200);
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 20; i++) {
        String n = Integer.toString(i);
        executor.submit(() -> store.append(THREAD, List.of(user(n + "-call"), user(n + "-result"))));
      }
    }
    List<String> contents = store.load(THREAD).stream().map(Turn::content).toList();

    assertThat(contents).hasSize(40);
    for (int i = 0; i < contents.size(); i += 2) {
      String n = contents.get(i).substring(0, contents.get(i).indexOf('-'));
      assertThat(contents.get(i + 1)).isEqualTo(n + "-result");
    }
  }

  @Test
  void keepsOnlyTheNewestTurnsThatFitTheByteBound() {
    long each = HistoryLimits.sizeOf(user("m1"));
    HistoryStore store = store(new HistoryLimits(100, 3 * each));
    for (int i = 1; i <= 5; i++) store.append(THREAD, List.of(user("m" + i)));

    assertThat(store.load(THREAD)).extracting(Turn::content).containsExactly("m3", "m4", "m5");
  }

  @Test
  void oneLongTurnPushesOutAsManyOldTurnsAsItNeeds() {
    long small = HistoryLimits.sizeOf(user("a"));
    HistoryStore store = store(new HistoryLimits(100, 10 * small));
    store.append(THREAD, List.of(user("a"), user("b"), user("c"), user("d")));
    String big = "x".repeat((int) (7 * small)); // weighs about 8 small turns

    store.append(THREAD, List.of(user(big)));

    List<Turn> kept = store.load(THREAD);
    assertThat(kept).extracting(Turn::content).containsExactly("c", "d", big);
    assertThat(kept.stream().mapToLong(HistoryLimits::sizeOf).sum()).isLessThanOrEqualTo(10 * small);
  }

  @Test
  void byteTrimmingDropsAToolCallTogetherWithItsResults() {
    List<Turn> group = toolGroup("call_1", 2);
    long groupBytes = group.stream().mapToLong(HistoryLimits::sizeOf).sum();
    Turn question = user("q");
    Turn answer = Turn.assistant("answer", AT, 1);
    // Room for the group and the answer, but not for the question before them: the question goes.
    // A second append then leaves no room for the call itself, and its results must go with it.
    HistoryStore store = store(new HistoryLimits(100, groupBytes + HistoryLimits.sizeOf(answer)));
    List<Turn> first = new java.util.ArrayList<>(List.of(question));
    first.addAll(group);
    first.add(answer);
    store.append(THREAD, first);
    assertThat(store.load(THREAD)).containsExactlyElementsOf(first.subList(1, first.size()));

    Turn next = user("next question");
    store.append(THREAD, List.of(next));

    assertThat(store.load(THREAD)).containsExactly(answer, next);
  }

  @Test
  void turnTrimmingNeverLeavesAToolResultFirst() {
    HistoryStore store = store(4);
    List<Turn> turns = new java.util.ArrayList<>(List.of(user("q")));
    turns.addAll(toolGroup("call_1", 3));
    turns.add(Turn.assistant("done", AT, 1));

    store.append(THREAD, turns);

    // Four newest turns would start with the second result of call_1: the whole group goes.
    assertThat(store.load(THREAD)).extracting(Turn::content).containsExactly("done");
  }

  @Test
  void aGroupLargerThanTheWholeBoundIsNotKept() {
    HistoryStore store = store(new HistoryLimits(100, 2 * HistoryLimits.sizeOf(user("ab"))));
    store.append(THREAD, List.of(user("ab")));

    store.append(THREAD, List.of(user("y".repeat(500))));

    assertThat(store.load(THREAD)).isEmpty();
  }

  @Test
  void removingTheAnswerToTheLastQuestionKeepsTheQuestionAndEverythingBefore() {
    HistoryStore store = store(50);
    Turn earlier = user("earlier");
    Turn question = Turn.user("why?", "U2", "Bo", AT.plusSeconds(5), 2);
    List<Turn> turns = new java.util.ArrayList<>(List.of(earlier, Turn.assistant("because", AT.plusSeconds(1), 1), question));
    turns.addAll(toolGroup("call_9", 2));
    turns.add(Turn.assistant("the answer", AT.plusSeconds(6), 2));
    store.append(THREAD, turns);

    boolean removed = store.removeAnswerTo(THREAD, question);

    assertThat(removed).isTrue();
    assertThat(store.load(THREAD)).containsExactlyElementsOf(turns.subList(0, 3));
    assertThat(store.removeAnswerTo(THREAD, question)).as("a question without an answer stays as it is").isTrue();
    assertThat(store.load(THREAD)).containsExactlyElementsOf(turns.subList(0, 3));
  }

  @Test
  void anAnswerIsNotRemovedWhenTheConversationMovedOnToAnotherQuestion() {
    HistoryStore store = store(50);
    Turn question = user("first");
    List<Turn> turns = List.of(question, Turn.assistant("one", AT, 1), user("second"), Turn.assistant("two", AT, 1));
    store.append(THREAD, turns);

    assertThat(store.removeAnswerTo(THREAD, question)).isFalse();
    assertThat(store.removeAnswerTo(THREAD, Turn.user("second", "U9", "Eve", AT, 1))).as("same text, another asker").isFalse();
    assertThat(store.load(THREAD)).containsExactlyElementsOf(turns);
  }

  @Test
  void thereIsNoAnswerToRemoveInAnEmptyOrClearedConversation() {
    HistoryStore store = store(50);
    Turn question = user("q");
    assertThat(store.removeAnswerTo(THREAD, question)).isFalse();
    store.append(THREAD, List.of(question, Turn.assistant("a", AT, 1)));
    store.clear(THREAD);

    assertThat(store.removeAnswerTo(THREAD, question)).isFalse();
    assertThat(store.load(THREAD)).isEmpty();
  }

  /** An assistant turn calling one tool {@code results} times, and each result. */
  protected static List<Turn> toolGroup(String callPrefix, int results) {
    List<ToolCall> calls = new java.util.ArrayList<>();
    for (int i = 0; i < results; i++) calls.add(new ToolCall(callPrefix + "_" + i, "lookup_ticket", "{\"id\":\"SUP-1\"}"));
    List<Turn> group = new java.util.ArrayList<>(List.of(Turn.toolCalls(null, calls, AT, 3)));
    for (ToolCall call : calls) group.add(Turn.toolResult(call.id(), "{\"error\":\"not found\"}", AT, 2));
    return group;
  }

  protected static Turn user(String content) {
    return Turn.user(content, "U1", "Ada", AT, 1);
  }
}
