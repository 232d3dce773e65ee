package dev.parley.benchmarks.load;

import java.util.Arrays;
import java.util.List;

/** Samples in milliseconds, sorted once: percentiles for the report and points for the picture. */
record Distribution(double[] sorted) {
  Distribution {
    sorted = sorted.clone();
    Arrays.sort(sorted);
  }

  static Distribution of(List<Double> samples) {
    return new Distribution(samples.stream().mapToDouble(Double::doubleValue).toArray());
  }

  int count() {
    return sorted.length;
  }

  /** The nearest-rank percentile, {@code p} in 0..100; NaN when there are no samples. */
  double percentile(double p) {
    if (sorted.length == 0) return Double.NaN;
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
  }

  double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  /** At most {@code points} samples spread evenly over the ranks, for a CDF curve. */
  double[] downsampled(int points) {
    if (sorted.length <= points) return sorted.clone();
    double[] out = new double[points];
    for (int i = 0; i < points; i++) out[i] = sorted[(int) ((long) i * (sorted.length - 1) / (points - 1))];
    return out;
  }
}
