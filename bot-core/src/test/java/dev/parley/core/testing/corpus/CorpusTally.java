package dev.parley.core.testing.corpus;

import java.util.Map;
import java.util.TreeMap;

/** Counts corpus cases run and passed per input class, and prints one summary line per class. */
public final class CorpusTally {
  private final String platform;
  private final Map<String, int[]> byClass = new TreeMap<>();

  public CorpusTally(String platform) {
    this.platform = platform;
  }

  public synchronized void record(CorpusCase c, boolean passed) {
    int[] counts = byClass.computeIfAbsent(c.inputClass(), k -> new int[2]);
    counts[0]++;
    if (passed) counts[1]++;
  }

  /** Prints {@code corpus platform=… class=… run=… passed=…} lines and a total. */
  public synchronized void print() {
    int run = 0;
    int passed = 0;
    for (var entry : byClass.entrySet()) {
      System.out.printf("corpus platform=%s class=%s run=%d passed=%d%n", platform, entry.getKey(),
          entry.getValue()[0], entry.getValue()[1]);
      run += entry.getValue()[0];
      passed += entry.getValue()[1];
    }
    System.out.printf("corpus platform=%s total run=%d passed=%d%n", platform, run, passed);
  }
}
