package dev.parley.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The load benchmark of the whole bot: for every size, a fresh {@code parley.jar} process against
 * the fake Discord, the paced Groq and the real Redis, then one report for all sizes. Run it
 * through {@code benchmarks/load.sh}; see docs/benchmarks.md.
 */
public final class LoadBenchmark {
  private LoadBenchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length == 1 && (args[0].equals("help") || args[0].equals("--help"))) {
      System.out.print(LoadOptions.USAGE);
      return;
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (!Files.isRegularFile(options.jar())) {
      System.err.println("no " + options.jar() + ": build it with ./mvnw -B -q -pl deploy -am package -DskipTests");
      System.exit(2);
    }
    String machine = machine();
    List<RunResult> runs = new ArrayList<>();
    String command = "benchmarks/load.sh " + String.join(" ", args);
    for (int n : options.sizes()) {
      runs.add(new DiscordLoad(options).run(n));
      LoadReport.write(options.out(), machine, command, runs);
    }
    for (int n : options.slackSizes()) {
      runs.add(new SlackLoad(options).run(n));
      LoadReport.write(options.out(), machine, command, runs);
    }
    System.out.print(LoadReport.markdown(machine, command, runs));
    System.err.println("[load] report in " + options.out().resolve("load-report.md"));
  }

  private static String machine() {
    String cpu = "unknown processor";
    try {
      cpu = Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    } catch (IOException e) {
      // Not Linux: the processor's name is only a label.
    }
    var os = ManagementFactory.getOperatingSystemMXBean();
    return String.format("%s UTC; %d CPUs (%s); Java %s; load average before %.2f",
        Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(), cpu,
        Runtime.version(), os.getSystemLoadAverage());
  }
}
