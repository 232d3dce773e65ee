package dev.parley.benchmarks.load;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The real {@code parley.jar} as a process of its own, and what the benchmark reads about it from
 * outside: CPU time and live threads from {@code /proc/<pid>}, the heap after each collection from
 * its GC log. Nothing is read through the bot's own code, so the measurement cannot flatter it.
 */
final class BotProcess implements AutoCloseable {
  /** Clock ticks per second of {@code /proc/<pid>/stat}'s times; 100 on every Linux this runs on. */
  private static final long CLOCK_TICKS = clockTicks();
  /**
   * The heap before and after a collection: G1's "Pause Young (Normal) (G1 Evacuation Pause)
   * 724M->422M(836M) 40.366ms", ZGC's "Minor Collection (Allocation Rate) 816M(80%)->300M(29%) 0.252s".
   */
  private static final Pattern AFTER_GC = Pattern.compile("(?:Pause|Collection) .*? (\\d+)M(?:\\(\\d+%\\))?->(\\d+)M");

  private final Process process;
  private final Path gcLog;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private JMXConnector management;

  private BotProcess(Process process, Path gcLog, int port) {
    this.process = process;
    this.gcLog = gcLog;
    this.port = port;
  }

  /** Starts {@code java -jar jar} with exactly {@code env} (plus PATH and HOME); output goes to files in {@code dir}. */
  static BotProcess start(Path jar, String heap, String gc, boolean profile, Map<String, String> env, int port,
      Path dir) throws IOException {
    Files.createDirectories(dir);
    Path gcLog = dir.resolve("gc.log");
    // The collection asked for at the peak (collectGarbage) runs as a concurrent cycle: a full
    // collection stopped every answer for 0.2 to 0.9 s at N = 1,000, which showed in the lag, while
    // the peak after GC is the highest of all collections' anyway.
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap, "-Xlog:gc:file=" + gcLog,
        "-XX:-UseDynamicNumberOfCompilerThreads", "-XX:+ExplicitGCInvokesConcurrent"));
    command.addAll(collectorFlags(gc));
    // A flight recording to find where the time goes: `jfr view hot-methods parley.jfr`.
    if (profile) command.add("-XX:StartFlightRecording=filename=" + dir.resolve("parley.jfr") + ",settings=profile");
    // More flags for the bot's JVM, e.g. a profiler agent; %d stands for the run's directory.
    String extra = System.getenv("PARLEY_BENCH_BOT_JVM_OPTS");
    if (extra != null && !extra.isBlank()) {
      for (String flag : extra.trim().split("\\s+")) command.add(flag.replace("%d", dir.toString()));
    }
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("parley.out").toFile()).redirectError(dir.resolve("parley.err").toFile());
    Map<String, String> environment = builder.environment();
    String path = environment.get("PATH");
    String home = environment.get("HOME");
    environment.clear();
    if (path != null) environment.put("PATH", path);
    if (home != null) environment.put("HOME", home);
    environment.putAll(env);
    // More settings for the bot, to try one (say REDIS_POOL_SIZE=64) without editing the benchmark.
    String extraEnv = System.getenv("PARLEY_BENCH_BOT_ENV");
    if (extraEnv != null && !extraEnv.isBlank()) {
      for (String setting : extraEnv.trim().split("\\s+")) {
        int eq = setting.indexOf('=');
        if (eq < 1) throw new IllegalArgumentException("PARLEY_BENCH_BOT_ENV: not KEY=VALUE: " + setting);
        environment.put(setting.substring(0, eq), setting.substring(eq + 1));
      }
    }
    return new BotProcess(builder.start(), gcLog, port);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until {@code /readyz} answers 200: the platforms are connected and commands registered. */
  void awaitReady(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) throw new IllegalStateException("parley.jar exited with " + process.exitValue());
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
            .timeout(Duration.ofSeconds(2)).build();
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("parley.jar was not ready within " + timeout);
  }

  /** User plus system CPU time of every thread of the process so far, in seconds. */
  double cpuSeconds() {
    String stat = read(Path.of("/proc", Long.toString(pid()), "stat"));
    // The command name (field 2) may hold spaces; fields are counted after its closing parenthesis.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks / (double) CLOCK_TICKS;
  }

  /** Live threads now, from {@code /proc/<pid>/status}. */
  int threads() {
    for (String line : read(Path.of("/proc", Long.toString(pid()), "status")).split("\n")) {
      if (line.startsWith("Threads:")) return Integer.parseInt(line.substring(8).trim());
    }
    throw new IllegalStateException("no Threads line in /proc/" + pid() + "/status");
  }

  /** Lines of the GC log so far; {@link #peakHeapAfterGcMb} reads only the lines after a mark. */
  int gcLogLines() {
    return gcLines().size();
  }

  /** The most heap in use right after a collection, among collections logged after line {@code from}. */
  int peakHeapAfterGcMb(int from) {
    List<String> lines = gcLines();
    return peakHeapAfterGcMb(lines.subList(Math.min(from, lines.size()), lines.size()));
  }

  /** The most heap in use right after a collection logged in {@code lines} ({@code -Xlog:gc}), in MB. */
  static int peakHeapAfterGcMb(List<String> lines) {
    int peak = 0;
    for (String line : lines) {
      Matcher m = AFTER_GC.matcher(line);
      if (m.find()) peak = Math.max(peak, Integer.parseInt(m.group(2)));
    }
    return peak;
  }

  /**
   * Connects to the bot's JVM for {@link #collectGarbage} ahead of time: the attach API starts its
   * local management agent and the benchmark keeps one JMX connection to it. Once; call it before
   * the warm-up, which then also absorbs the agent's own class loading and compilation: the agent
   * loads and compiles its code (JMX, RMI, the flight recorder's settings parser) for seconds after
   * the attach, and connected at the measured window, that JIT work fell into its first seconds.
   */
  void connectManagement() throws IOException {
    if (management != null) return;
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid()));
      try {
        management = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
      } finally {
        vm.detach();
      }
    } catch (AttachNotSupportedException e) {
      throw new IOException("cannot attach to the bot's JVM", e);
    }
  }

  /**
   * Asks the JVM for a collection ({@code MemoryMXBean.gc()}: a major ZGC collection, or on G1 a
   * concurrent cycle, see {@link #start}), so that old garbage is reclaimed at the moment of most load and the "after GC"
   * figures that follow show what is live then, whatever the collector chose to do by itself.
   * Over the connection {@link #connectManagement} made: it used to be {@code jcmd GC.run}, a JVM
   * of its own whose start took about a core-second of the machine's two, at the moment of most
   * load, and showed in the lag of the answers streaming then.
   */
  void collectGarbage() throws IOException {
    connectManagement();
    ManagementFactory.newPlatformMXBeanProxy(management.getMBeanServerConnection(),
        ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class).gc();
  }

  /**
   * CPU time (user and system) of the bot's JIT compiler threads so far, in seconds, from
   * {@code /proc/<pid>/task/*}/stat: what compiling took from the machine, rather than the
   * compilations' elapsed time, which a saturated machine stretches. The compiler threads live as
   * long as the bot ({@code -XX:-UseDynamicNumberOfCompilerThreads} below), so none takes its
   * count with it.
   */
  double compileSeconds() throws IOException {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String name;
        String stat;
        try {
          name = Files.readString(task.resolve("comm")).trim();
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException gone) {
          continue; // a thread that ended meanwhile
        }
        if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) continue;
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      }
    }
    return ticks / (double) CLOCK_TICKS;
  }

  /** SIGTERM, then a kill when it has not ended within {@code grace}; returns the exit code. */
  int stop(Duration grace) throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (management != null) {
      try {
        management.close();
      } catch (IOException e) {
        // The bot is going anyway.
      }
    }
    if (process.isAlive()) stop(Duration.ofSeconds(20));
  }

  private List<String> gcLines() {
    try {
      return Files.exists(gcLog) ? Files.readAllLines(gcLog) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bot's collector. {@code zgc} is what its image runs (deploy/Dockerfile): generational ZGC,
   * opt-in on JDK 21 and 22 and the only ZGC from 24, which warns about the flag.
   */
  static List<String> collectorFlags(String gc) {
    return switch (gc) {
      case "zgc" -> Runtime.version().feature() < 23 ? List.of("-XX:+UseZGC", "-XX:+ZGenerational")
          : List.of("-XX:+UseZGC");
      case "g1" -> List.of("-XX:+UseG1GC");
      default -> throw new IllegalArgumentException("unknown collector " + gc);
    };
  }

  static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static long clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
    } catch (IOException | InterruptedException | NumberFormatException e) {
      return 100;
    }
  }
}
