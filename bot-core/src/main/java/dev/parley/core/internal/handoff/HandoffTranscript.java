package dev.parley.core.internal.handoff;

import dev.parley.core.api.NewTicket;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.internal.llm.Role;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The ticket a handoff files: a title from the thread's first question, and a description with
 * why people were called and the thread so far, newest kept when it is too long for a ticket.
 * Tool calls and their results are left out: people read what was said. Pure and thread-safe.
 */
final class HandoffTranscript {
  /** Room a line may take; longer ones are cut, so one pasted log cannot push out the rest. */
  static final int MAX_LINE = 1_500;
  private static final String ASSISTANT = "Parley";

  private HandoffTranscript() {}

  static String title(List<Turn> turns, String reason) {
    String first = turns.stream().filter(t -> t.role() == Role.USER && t.content() != null && !t.content().isBlank())
        .map(Turn::content).findFirst().orElse(reason == null || reason.isBlank() ? "a person was asked for" : reason);
    return cut("Handoff: " + oneLine(first), NewTicket.MAX_TITLE);
  }

  /** @param reason why people were called, or null; @param summary the model's summary, or null */
  static String description(List<Turn> turns, String reason, String summary, String permalink) {
    StringBuilder head = new StringBuilder();
    if (reason != null && !reason.isBlank()) head.append("Reason: ").append(cut(reason.strip(), MAX_LINE)).append('\n');
    if (summary != null && !summary.isBlank()) head.append("Summary: ").append(cut(summary.strip(), MAX_LINE)).append('\n');
    if (permalink != null) head.append("Thread: ").append(permalink).append('\n');
    head.append("\nConversation so far (oldest first):\n");
    int room = NewTicket.MAX_DESCRIPTION - length(head);
    Deque<String> kept = new ArrayDeque<>();
    for (int i = turns.size() - 1; i >= 0; i--) {
      String line = line(turns.get(i));
      if (line == null) continue;
      int cost = length(line) + 1;
      if (cost > room) break;
      kept.addFirst(line);
      room -= cost;
    }
    if (kept.isEmpty()) kept.add("(nothing stored)");
    return head + String.join("\n", kept);
  }

  private static String line(Turn turn) {
    if (turn.content() == null || turn.content().isBlank() || !turn.toolCalls().isEmpty()) return null;
    return switch (turn.role()) {
      case USER -> (turn.authorName() != null ? turn.authorName() : turn.authorId()) + ": " + cut(turn.content(), MAX_LINE);
      case ASSISTANT -> ASSISTANT + ": " + cut(turn.content(), MAX_LINE) + (turn.interrupted() ? " [cut off]" : "");
      default -> null;
    };
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /** At most {@code max} code points, with an ellipsis where it was cut. */
  static String cut(String text, int max) {
    if (length(text) <= max) return text;
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  private static int length(CharSequence text) {
    return Character.codePointCount(text, 0, text.length());
  }
}
