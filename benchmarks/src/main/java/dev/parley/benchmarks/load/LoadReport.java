package dev.parley.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Writes {@code load-report.md}, {@code load-report.json} and {@code load-latency.svg}. */
final class LoadReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String[] COLOURS = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"};

  private LoadReport() {}

  static void write(Path dir, String machine, String command, List<RunResult> runs) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("load-report.md"), markdown(machine, command, runs));
    Files.writeString(dir.resolve("load-report.json"), JSON.writeValueAsString(json(machine, command, runs)));
    Files.writeString(dir.resolve("load-latency.svg"), svg(runs));
  }

  static String markdown(String machine, String command, List<RunResult> runs) {
    StringBuilder md = new StringBuilder("# Parley load benchmark\n\n")
        .append(machine).append("\n\nCommand: `").append(command).append("`\n\n")
        .append("| platform | N | placeholder p50 / p99 ms | lag p50 / p99 ms | lag beyond interval p50 / p99 ms "
            + "| first words p50 / p99 ms | complete p50 / p99 ms | interval ms | tokens lost (answers) | unanswered | 429s | sent before Retry-After | peak heap after GC MB "
            + "| peak threads | CPU s per 1,000 tokens | without JIT | bot JIT CPU s | benchmark CPU s | Redis commands per turn | run s |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (RunResult r : runs) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %s / %s | %s / %s | %s / %s | %s / %s | %s / %s | %.0f | %d (%d) | %d | %d | %d | %d | %d "
              + "| %.3f | %.3f | %.2f | %.1f | %.1f | %.1f |\n", r.platform(), r.n(), ms(r.placeholder().percentile(50)),
          ms(r.placeholder().percentile(99)), ms(r.lag().percentile(50)), ms(r.lag().percentile(99)),
          ms(r.lagBeyond().percentile(50)), ms(r.lagBeyond().percentile(99)), ms(r.firstWords().percentile(50)),
          ms(r.firstWords().percentile(99)), ms(r.complete().percentile(50)), ms(r.complete().percentile(99)),
          r.intervalMs(), r.tokensLost(),
          r.conversationsWithLoss(), r.unanswered(), r.tooManyRequests(), r.sentBeforeRetryAfter(),
          r.peakHeapAfterGcMb(), r.peakThreads(), r.cpuSecondsPer1000Tokens(), r.cpuSecondsPer1000TokensWithoutJit(), r.botJitSeconds(), r.benchmarkCpuSeconds(),
          r.redis().perTurn(), r.seconds()));
    }
    md.append("\nRedis commands per turn by command (net of the idle rate):\n\n");
    for (RunResult r : runs) {
      md.append("- ").append(r.platform()).append(" N = ").append(r.n()).append(": ");
      r.redis().byCommand().forEach((name, perTurn) -> md.append(String.format(Locale.ROOT, "`%s` %.2f, ", name, perTurn)));
      md.append(String.format(Locale.ROOT, "idle rate subtracted %.1f/s\n", r.redis().idlePerSecond()));
    }
    return md.append("\n![latency CDFs](load-latency.svg)\n").toString();
  }

  static ObjectNode json(String machine, String command, List<RunResult> runs) {
    ObjectNode root = JSON.createObjectNode().put("machine", machine).put("command", command);
    ArrayNode array = root.putArray("runs");
    for (RunResult r : runs) {
      ObjectNode run = array.addObject().put("platform", r.platform()).put("n", r.n());
      percentiles(run.putObject("placeholderMs"), r.placeholder());
      percentiles(run.putObject("lagMs"), r.lag());
      percentiles(run.putObject("lagBeyondIntervalMs"), r.lagBeyond());
      percentiles(run.putObject("firstWordsMs"), r.firstWords());
      percentiles(run.putObject("completeMs"), r.complete());
      run.put("intervalMs", r.intervalMs()).put("tokens", r.tokens()).put("tokensLost", r.tokensLost())
          .put("answersWithLoss", r.conversationsWithLoss()).put("unanswered", r.unanswered())
          .put("tooManyRequests", r.tooManyRequests()).put("sentBeforeRetryAfter", r.sentBeforeRetryAfter())
          .put("peakHeapAfterGcMb", r.peakHeapAfterGcMb()).put("peakThreads", r.peakThreads())
          .put("cpuSeconds", r.cpuSeconds()).put("cpuSecondsPer1000Tokens", r.cpuSecondsPer1000Tokens())
          .put("cpuSecondsPer1000TokensWithoutJit", r.cpuSecondsPer1000TokensWithoutJit())
          .put("botJitSeconds", r.botJitSeconds()).put("benchmarkCpuSeconds", r.benchmarkCpuSeconds())
          .put("redisCommandsPerTurn", r.redis().perTurn()).put("redisIdlePerSecond", r.redis().idlePerSecond())
          .put("seconds", r.seconds());
      ObjectNode byCommand = run.putObject("redisCommandsPerTurnByCommand");
      r.redis().byCommand().forEach(byCommand::put);
    }
    return root;
  }

  private static void percentiles(ObjectNode node, Distribution d) {
    node.put("count", d.count()).put("p50", d.percentile(50)).put("p90", d.percentile(90))
        .put("p99", d.percentile(99)).put("max", d.max());
  }

  /**
   * Two CDF panels, one curve per run: time to placeholder, and visible-text lag. Log time axis,
   * since a placeholder takes milliseconds and a lag can take seconds.
   */
  static String svg(List<RunResult> runs) {
    StringBuilder svg = new StringBuilder(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"400\" font-family=\"sans-serif\" font-size=\"12\">\n"
            + "<rect width=\"960\" height=\"400\" fill=\"white\"/>\n");
    panel(svg, 60, "Event to placeholder (ms)", runs, RunResult::placeholder);
    panel(svg, 540, "Visible-text lag: token sent to edit showing it (ms)", runs, RunResult::lag);
    for (int i = 0; i < runs.size(); i++) {
      RunResult r = runs.get(i);
      int x = 60 + 170 * i;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"16\" x2=\"%d\" y2=\"16\" stroke=\"%s\" stroke-width=\"2\"/>"
          + "<text x=\"%d\" y=\"20\">%s N = %d</text>\n", x, x + 20, colour(i), x + 25, r.platform(), r.n()));
    }
    return svg.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder svg, int left, String title, List<RunResult> runs,
      Function<RunResult, Distribution> of) {
    int top = 60;
    int width = 360;
    int height = 280;
    double max = runs.stream().mapToDouble(r -> of.apply(r).max()).filter(Double::isFinite).max().orElse(10);
    int decades = Math.max(1, (int) Math.ceil(Math.log10(Math.max(10, max))));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n", left, top - 12, title));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>\n",
        left, top, width, height));
    for (int d = 0; d <= decades; d++) {
      double x = left + width * d / (double) decades;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
          + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, top, x, top + height, x, top + height + 16,
          d == 0 ? "≤1" : Long.toString((long) Math.pow(10, d))));
    }
    for (int q = 0; q <= 4; q++) {
      double y = top + height - height * q / 4.0;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>\n", left, y, left + width, y, left - 4, y + 4, 25 * q));
    }
    for (int i = 0; i < runs.size(); i++) {
      double[] points = of.apply(runs.get(i)).downsampled(400);
      if (points.length == 0) continue;
      StringBuilder path = new StringBuilder();
      for (int p = 0; p < points.length; p++) {
        double x = left + width * Math.log10(Math.max(1, points[p])) / decades;
        double y = top + height - height * (p + 1) / (double) points.length;
        path.append(p == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour(i))
          .append("\" stroke-width=\"2\"/>\n");
    }
  }

  private static String colour(int i) {
    return COLOURS[i % COLOURS.length];
  }

  private static String ms(double value) {
    if (Double.isNaN(value)) return "–";
    return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
  }
}
