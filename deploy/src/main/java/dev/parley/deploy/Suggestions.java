package dev.parley.deploy;

import java.util.Collection;
import java.util.Optional;

/** Finds the known word a typo most likely meant, for "did you mean" hints. */
final class Suggestions {
  private Suggestions() {}

  /** The closest candidate within a small edit distance, or empty when none is close. */
  static Optional<String> closest(String typo, Collection<String> candidates) {
    return closest(typo, candidates, Math.max(2, typo.length() / 3));
  }

  /** The closest candidate at most {@code maxDistance} edits away. */
  static Optional<String> closest(String typo, Collection<String> candidates, int maxDistance) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(typo.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= maxDistance ? Optional.ofNullable(best) : Optional.empty();
  }

  /** " Did you mean 'x'?" or nothing. */
  static String didYouMean(String typo, Collection<String> candidates) {
    return closest(typo, candidates).map(s -> ", did you mean '" + s + "'?").orElse("");
  }

  /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
