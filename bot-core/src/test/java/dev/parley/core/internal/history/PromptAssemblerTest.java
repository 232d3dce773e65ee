package dev.parley.core.internal.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.Role;
import dev.parley.core.internal.llm.ToolCall;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptAssemblerTest {
  private final TokenEstimator estimator = new TokenEstimator();
  private final PromptAssembler assembler = new PromptAssembler(estimator);
  private final Instant at = Instant.parse("2026-11-25T10:00:00Z");

  private List<Turn> history() {
    return List.of(
        Turn.user("first question " + "a".repeat(400), "U1", "Ada", at, 0),
        Turn.assistant("first answer", at, 0),
        Turn.user("open a ticket", "U2", "Bo Li", at, 0),
        Turn.toolCalls(null, List.of(new ToolCall("c1", "create_ticket", "{\"title\":\"t\"}"),
            new ToolCall("c2", "lookup_ticket", "{\"id\":\"SUP-1\"}")), at, 0),
        Turn.toolResult("c1", "{\"id\":\"SUP-2\"}", at, 0),
        Turn.toolResult("c2", "{\"id\":\"SUP-1\"}", at, 0),
        Turn.assistant("Opened SUP-2.", at, 0),
        Turn.user("thanks", "U1", "Ada", at, 0));
  }

  @Test
  void withRoomEverythingIsKeptInOrderAfterTheSystemPrompt() {
    List<ChatMessage> messages = assembler.assemble("Be brief.", history(), 10_000);

    assertThat(messages).extracting(ChatMessage::role).containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT,
        Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.ASSISTANT, Role.USER);
    assertThat(messages).allSatisfy(m -> assertThat(m.name()).as("Groq rejects messages[].name").isNull());
    assertThat(messages.get(1).content()).startsWith("Ada: first question");
    assertThat(messages.get(3).content()).isEqualTo("Bo Li: open a ticket");
  }

  @Test
  void aConversationWithOnePersonIsNotAttributed() {
    List<Turn> alone = List.of(Turn.user("hello", "U1", "Ada", at, 0), Turn.assistant("hi", at, 0),
        Turn.user("again", "U1", "Ada", at, 0));

    assertThat(assembler.assemble("Be brief.", alone, 10_000)).extracting(ChatMessage::content)
        .containsExactly("Be brief.", "hello", "hi", "again");
  }

  @Test
  void trimmingDropsWholeGroupsOldestFirstAndNeverSplitsAToolCallFromItsResults() {
    List<ChatMessage> all = assembler.assemble("Be brief.", history(), 10_000);
    int withoutFirstExchange = estimator.estimate(all) - estimator.estimate(all.subList(1, 3));
    // The system prompt and the newest question always fit in this: every budget down to it must
    // assemble, so an assembler that throws early cannot pass.
    int smallest = estimator.estimate(List.of(all.get(0), all.get(all.size() - 1)));
    int checked = 0;
    for (int budget = withoutFirstExchange; budget >= smallest; budget -= 3) {
      List<ChatMessage> messages = assembler.assemble("Be brief.", history(), budget);
      assertThat(estimator.estimate(messages)).isLessThanOrEqualTo(budget);
      assertThat(messages.get(messages.size() - 1).content()).isEqualTo("Ada: thanks");
      long calls = messages.stream().filter(m -> !m.toolCalls().isEmpty()).count();
      long results = messages.stream().filter(m -> m.role() == Role.TOOL).count();
      assertThat(results).as("budget %d", budget).isEqualTo(calls * 2);
      assertThat(messages.get(1).role()).as("never starts with a tool result").isNotEqualTo(Role.TOOL);
      checked++;
    }
    assertThat(checked).as("budgets assembled").isGreaterThan(5);
    assertThatThrownBy(() -> assembler.assemble("Be brief.", history(), smallest - 1))
        .isInstanceOf(PromptTooLongException.class);
  }

  @Test
  void toolResultsWhoseCallWasTrimmedFromStorageAreDropped() {
    List<Turn> trimmed = history().subList(4, 8);

    List<ChatMessage> messages = assembler.assemble("Be brief.", trimmed, 10_000);

    assertThat(messages).extracting(ChatMessage::role).containsExactly(Role.SYSTEM, Role.ASSISTANT, Role.USER);
  }

  @Test
  void aNewestMessageThatAloneDoesNotFitIsAClearError() {
    List<Turn> huge = List.of(Turn.user("z".repeat(40_000), "U1", "Ada", at, 0));

    assertThatThrownBy(() -> assembler.assemble("Be brief.", huge, 2_000))
        .isInstanceOf(PromptTooLongException.class)
        .satisfies(e -> assertThat(((PromptTooLongException) e).messageTokens()).isGreaterThan(9_000));
  }

  @Test
  void theEstimateCalibratesTowardsWhatTheServerCounted() {
    ChatMessage message = ChatMessage.user("x".repeat(4_000));
    int before = estimator.estimate(message);
    for (int i = 0; i < 30; i++) estimator.calibrate(estimator.estimate(message), before * 2);

    assertThat(estimator.estimate(message)).isBetween((int) (before * 1.9), (int) (before * 2.1));
    estimator.calibrate(100, 100_000);
    assertThat(estimator.factor()).isLessThanOrEqualTo(4.0);
  }
}
