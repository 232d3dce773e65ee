package dev.parley.core.internal.history;

import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Builds the messages of one request: the system prompt, then as much history as fits, newest
 * last. Trimming drops whole groups, oldest first: an assistant turn with tool calls and the tool
 * results that answer it form one group, so a call is never separated from its results. In a
 * conversation with several people, user turns carry their author's name.
 */
public final class PromptAssembler {
  private final TokenEstimator estimator;

  public PromptAssembler(TokenEstimator estimator) {
    this.estimator = estimator;
  }

  /**
   * @param history stored turns, oldest first, ending with the new user message
   * @param budget tokens available for the prompt: the context window minus the answer reserve
   *     and the tool definitions
   * @throws PromptTooLongException if the system prompt and the newest group alone exceed it
   */
  public List<ChatMessage> assemble(String systemPrompt, List<Turn> history, int budget) {
    return assemble(systemPrompt, history, budget, UnaryOperator.identity());
  }

  /**
   * As {@link #assemble(String, List, int)}, with the newest user message sent as {@code newest}
   * makes it: history keeps a question's attachments as placeholders, while the request carries
   * their text and images, which count against the budget like any text.
   */
  public List<ChatMessage> assemble(String systemPrompt, List<Turn> history, int budget,
      UnaryOperator<ChatMessage> newest) {
    ChatMessage system = ChatMessage.system(systemPrompt);
    int remaining = budget - estimator.estimate(system);
    List<List<ChatMessage>> groups = groups(history);
    if (!groups.isEmpty() && groups.getLast().size() == 1 && groups.getLast().getFirst().role() == Role.USER) {
      groups.set(groups.size() - 1, List.of(newest.apply(groups.getLast().getFirst())));
    }
    Deque<List<ChatMessage>> kept = new ArrayDeque<>();
    for (int i = groups.size() - 1; i >= 0; i--) {
      int cost = estimator.estimate(groups.get(i));
      if (cost > remaining) {
        if (kept.isEmpty()) throw new PromptTooLongException(cost, Math.max(0, remaining));
        break;
      }
      remaining -= cost;
      kept.addFirst(groups.get(i));
    }
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(system);
    kept.forEach(messages::addAll);
    return messages;
  }

  /**
   * Groups turns so that tool results stay with the call that asked for them. Tool results whose
   * call was already trimmed from storage are dropped: the API rejects orphaned results.
   */
  static List<List<ChatMessage>> groups(List<Turn> history) {
    boolean attributed = history.stream().filter(t -> t.role() == Role.USER && t.authorId() != null)
        .map(Turn::authorId).distinct().limit(2).count() > 1;
    List<List<ChatMessage>> groups = new ArrayList<>();
    List<ChatMessage> open = null;
    for (Turn turn : history) {
      if (turn.role() == Role.TOOL) {
        if (open != null) open.add(turn.toMessage(attributed));
        continue;
      }
      open = null;
      List<ChatMessage> group = new ArrayList<>();
      group.add(turn.toMessage(attributed));
      groups.add(group);
      if (turn.role() == Role.ASSISTANT && !turn.toolCalls().isEmpty()) open = group;
    }
    return groups;
  }
}
