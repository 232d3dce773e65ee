package dev.parley.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * What people saw of streamed answers, whatever the platform: for each token the fake Groq wrote,
 * when the first view showing it whole reached the platform, and which tokens the last view lacks.
 */
final class AnswerTimeline {
  /** What an answer showed from a moment on: the platform's copy after a successful write. */
  record Shown(long at, String text) {}

  private final List<Double> lags = new ArrayList<>();
  private final List<Double> beyond = new ArrayList<>();
  private final List<Double> firstWords = new ArrayList<>();
  private final List<Double> complete = new ArrayList<>();
  private long tokensSent;
  private long tokensLost;
  private int answersWithLoss;
  private final StringBuilder answerRows =
      new StringBuilder("id,first_token_epoch_ms,last_token_epoch_ms,views,first_view_ms,longest_gap_ms,last_view_ms,worst_beyond_ms,first_words_ms,complete_ms,view_times_ms\n");

  /**
   * Adds one answer, asked at {@code askedAt} (epoch ms); {@code intervalMs} is its permitted
   * interval between views. Its first words and its completion count from the question. Its row in
   * {@link #writeAnswers} gives the first view, the longest gap between views and the last view,
   * each from the token it waited for, so the worst lags can be told apart: a late first edit, a
   * stalled stream or a late final one, and every view as {@code ms after the first token:tokens shown}.
   */
  void add(int id, long askedAt, PacedGroq.Sent answer, List<Shown> shown, double intervalMs) {
    String text = answer.text();
    int[] ends = new int[answer.tokens().length];
    for (int i = 0, length = 0; i < ends.length; i++) ends[i] = length += answer.tokens()[i].length();
    tokensSent += ends.length;
    int seen = 0;
    int lastShown = 0;
    long firstView = -1;
    long previousView = -1;
    long longestGap = 0;
    long lastView = -1;
    long firstWordsMs = -1;
    long completeMs = -1;
    double worstBeyond = 0;
    StringJoiner viewTimes = new StringJoiner(" ");
    for (Shown view : shown.stream().sorted(Comparator.comparingLong(Shown::at)).toList()) {
      int visible = visibleTokens(ends, commonPrefix(view.text(), text));
      if (ends.length > 0) viewTimes.add((view.at() - answer.at()[0]) + ":" + visible);
      for (; seen < visible; seen++) {
        double lag = view.at() - answer.at()[seen];
        lags.add(lag);
        beyond.add(Math.max(0, lag - intervalMs));
        worstBeyond = Math.max(worstBeyond, lag - intervalMs);
      }
      if (visible > 0) {
        if (firstView < 0) {
          firstView = view.at() - answer.at()[0];
          firstWordsMs = view.at() - askedAt;
          firstWords.add((double) firstWordsMs);
        }
        if (previousView >= 0) longestGap = Math.max(longestGap, view.at() - previousView);
        previousView = view.at();
        if (visible == ends.length && lastView < 0) {
          lastView = view.at() - answer.at()[ends.length - 1];
          completeMs = view.at() - askedAt;
          complete.add((double) completeMs);
        }
      }
      lastShown = visible;
    }
    if (ends.length > 0) {
      answerRows.append(id).append(',').append(answer.at()[0]).append(',').append(answer.at()[ends.length - 1])
          .append(',').append(shown.size()).append(',').append(firstView).append(',').append(longestGap)
          .append(',').append(lastView).append(',').append(Math.round(Math.max(0, worstBeyond))).append(',')
          .append(firstWordsMs).append(',').append(completeMs).append(',')
          .append(viewTimes).append('\n');
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

  /** One row per answer (see {@link #add}); -1 where no view showed the tokens. */
  void writeAnswers(Path file) throws IOException {
    Files.writeString(file, answerRows);
  }

  Distribution lags() {
    return Distribution.of(lags);
  }

  /** From the question to the first view showing any of the answer, per answer that showed some. */
  Distribution firstWords() {
    return Distribution.of(firstWords);
  }

  /** From the question to the first view showing the whole answer, per answer that showed it. */
  Distribution complete() {
    return Distribution.of(complete);
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
