package dev.parley.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DistributionTest {
  @Test
  void percentilesAreNearestRank() {
    Distribution d = new Distribution(IntStream.rangeClosed(1, 100).asDoubleStream().toArray());

    assertThat(d.percentile(50)).isEqualTo(50);
    assertThat(d.percentile(99)).isEqualTo(99);
    assertThat(d.percentile(100)).isEqualTo(100);
  }

  @Test
  void noSamplesGiveNoPercentileRatherThanZero() {
    assertThat(Distribution.of(List.of()).percentile(99)).isNaN();
  }

  @Test
  void downsamplingKeepsTheEnds() {
    double[] points = new Distribution(IntStream.rangeClosed(1, 1000).asDoubleStream().toArray()).downsampled(11);

    assertThat(points).hasSize(11).startsWith(1).endsWith(1000);
  }
}
