package dev.parley.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BotProcessTest {
  @Test
  void peakHeapAfterGcReadsG1sPauses() {
    // Lines of a bot's -Xlog:gc on G1, N = 1,000.
    List<String> log = List.of(
        "[81.519s][info][gc] GC(111) Pause Young (Concurrent Start) (System.gc()) 327M->317M(509M) 19.696ms",
        "[81.519s][info][gc] GC(112) Concurrent Mark Cycle",
        "[81.898s][info][gc] GC(112) Pause Remark 339M->337M(525M) 10.182ms",
        "[81.982s][info][gc] GC(112) Concurrent Mark Cycle 462.882ms",
        "[82.702s][info][gc] GC(113) Pause Young (Prepare Mixed) (G1 Evacuation Pause) 412M->331M(525M) 27.749ms",
        "[84.268s][info][gc] GC(114) Pause Young (Mixed) (G1 Evacuation Pause) 433M->294M(525M) 25.831ms");

    assertThat(BotProcess.peakHeapAfterGcMb(log)).isEqualTo(337);
  }

  @Test
  void peakHeapAfterGcReadsZgcsCollections() {
    // Lines of a bot's -Xlog:gc on generational ZGC, N = 1,000: each collection's start, then its end.
    List<String> log = List.of(
        "[77.256s][info][gc] GC(21) Minor Collection (Allocation Rate)",
        "[77.600s][info][gc] GC(21) Minor Collection (Allocation Rate) 820M(80%)->354M(35%) 0.344s",
        "[77.611s][info][gc] GC(22) Major Collection (System.gc())",
        "[78.283s][info][gc] GC(22) Major Collection (System.gc()) 354M(35%)->284M(28%) 0.671s");

    assertThat(BotProcess.peakHeapAfterGcMb(log)).isEqualTo(354);
  }

  @Test
  void theBotRunsTheCollectorOfItsImage() {
    assertThat(BotProcess.collectorFlags("zgc")).contains("-XX:+UseZGC");
    assertThat(BotProcess.collectorFlags("g1")).containsExactly("-XX:+UseG1GC");
  }
}
