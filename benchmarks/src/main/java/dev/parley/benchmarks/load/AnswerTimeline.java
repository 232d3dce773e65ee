package dev.parley.benchmarks.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What people saw of streamed answers, whatever the platform: for each token the fake Groq wrote,
 * when the first view showing it whole reached the platform, and which tokens the last view lacks.
 */
final class AnswerTimeline {
  /** What an answer showed from a moment on: the platform's copy after a successful write. */
  record Shown(long at, String text) {}

  private final List<Double> lags = new ArrayList<>();
  private final List<Double> beyond = new ArrayList<>();
  private long tokensSent;
  private long tokensLost;
  private int answersWithLoss;

  /** Adds one answer; {@code intervalMs} is its permitted interval between views. */
  void add(PacedGroq.Sent answer, List<Shown> shown, double intervalMs) {
    String text = answer.text();
    int[] ends = new int[answer.tokens().length];
    for (int i = 0, length = 0; i < ends.length; i++) ends[i] = length += answer.tokens()[i].length();
    tokensSent += ends.length;
    int seen = 0;
    int lastShown = 0;
    for (Shown view : shown.stream().sorted(Comparator.comparingLong(Shown::at)).toList()) {
      int visible = visibleTokens(ends, commonPrefix(view.text(), text));
      for (; seen < visible; seen++) {
        double lag = view.at() - answer.at()[seen];
        lags.add(lag);
        beyond.add(Math.max(0, lag - intervalMs));
      }
      lastShown = visible;
    }
    // Tokens lost: what the last view, which is what stays, does not show.
    lose(ends.length - lastShown);
  }

  /** An answer the fake Groq never streamed: every token it should have had is lost. */
  void unanswered(int tokens) {
    lose(tokens);
  }

  private void lose(int tokens) {
    if (tokens <= 0) return;
    tokensLost += tokens;
    answersWithLoss++;
  }

  static int commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) i++;
    return i;
  }

  /** How many whole tokens a shown prefix of {@code length} characters holds. */
  static int visibleTokens(int[] ends, int length) {
    int found = Arrays.binarySearch(ends, length);
    return found >= 0 ? found + 1 : -found - 1;
  }

  Distribution lags() {
    return Distribution.of(lags);
  }

  Distribution lagBeyondInterval() {
    return Distribution.of(beyond);
  }

  long tokensSent() {
    return tokensSent;
  }

  long tokensLost() {
    return tokensLost;
  }

  int answersWithLoss() {
    return answersWithLoss;
  }
}
