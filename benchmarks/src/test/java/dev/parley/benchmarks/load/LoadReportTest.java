package dev.parley.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadReportTest {
  private static final RunResult RUN = new RunResult("discord", 50, Distribution.of(List.of(80.0, 120.0)),
      Distribution.of(List.of(600.0, 900.0)), Distribution.of(List.of(0.0, 0.0)), Distribution.of(List.of(150.0, 400.0)),
      Distribution.of(List.of(5_200.0, 6_100.0)), 1000, 15_000, 0, 0, 0, 0, 0, 30, 150,
      1.5, 0.42, 2.4, new RedisUse(40, Map.of("evalsha", 4.0), 1.5), 4.5);

  @Test
  void eachRunShowsTheBotsJitAndTheBenchmarksOwnCpuBesideTheBotsCpu() {
    String md = LoadReport.markdown("machine", "benchmarks/load.sh n=50", List.of(RUN));
    List<String> table = md.lines().filter(l -> l.startsWith("|")).toList();

    assertThat(table.get(0)).contains("| CPU s per 1,000 tokens | without JIT | bot JIT CPU s | benchmark CPU s | Redis commands per turn |");
    assertThat(table.get(2)).startsWith("| discord | 50 |").contains("| 0.100 | 0.072 | 0.42 | 2.4 | 40.0 | 4.5 |");
    assertThat(table.get(0)).contains("| first words p50 / p99 ms | complete p50 / p99 ms |");
    assertThat(table.get(2)).contains("| 150 / 400 | 5200 / 6100 |");
    assertThat(table).allSatisfy(row -> assertThat(row.chars().filter(c -> c == '|').count())
        .isEqualTo(table.get(0).chars().filter(c -> c == '|').count()));
  }

  @Test
  void theJsonCarriesBothFigures() {
    JsonNode run = LoadReport.json("machine", "command", List.of(RUN)).get("runs").get(0);

    assertThat(run.get("botJitSeconds").asDouble()).isEqualTo(0.42);
    assertThat(run.get("benchmarkCpuSeconds").asDouble()).isEqualTo(2.4);
    assertThat(run.get("cpuSecondsPer1000TokensWithoutJit").asDouble()).isCloseTo(0.072, org.assertj.core.data.Offset.offset(1e-9));
  }
}
