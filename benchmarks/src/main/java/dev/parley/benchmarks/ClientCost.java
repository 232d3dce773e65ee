package dev.parley.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time and heap allocation per streamed chunk, each client in a JVM of its own, against one
 * canned server in this JVM.
 *
 * <p>Why not JMH's {@code -prof gc}: its bytes per operation are honest, but its CPU is wall time,
 * and on a 2-core machine shared with other work wall time mostly measures the neighbours. What a
 * client costs is what its process spends: {@code getProcessCpuTime} (user and system, every thread:
 * the reader, the JIT, the garbage collector) and {@code getTotalThreadAllocatedBytes} over the
 * measured answers only, after warm-up answers. The server runs here, so none of its work is
 * counted against a client. Each JVM first warms up until the JIT is quiet (see {@link #warmUp}).
 * Runs alternate between the clients so that a busy moment of the machine falls on both; the table
 * shows medians.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.ClientCost
 * [chunks=100000] [runs=3] [warmup=10] [answers=10]}: {@code warmup} is the least number of
 * warm-up answers, {@code answers} the number measured.
 */
public final class ClientCost {
  private static final String RESULT = "RESULT ";
  private static final int MAX_WARMUP = 60;

  private ClientCost() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--child")) {
      child(StreamingClients.valueOf(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
          Integer.parseInt(args[5]));
      return;
    }
    Map<String, Integer> options = options(args);
    int chunks = options.get("chunks");
    int runs = options.get("runs");
    String body = GroqStreamBody.answer(chunks);
    int expectedLength = GroqStreamBody.contentLength(chunks);
    Map<StreamingClients, List<Sample>> samples = new EnumMap<>(StreamingClients.class);
    String loadBefore = machine();
    try (CannedHttpServer server = new CannedHttpServer(body)) {
      String baseUrl = "http://127.0.0.1:" + server.port() + "/openai/v1";
      for (int run = 1; run <= runs; run++) {
        for (StreamingClients client : StreamingClients.values()) {
          Sample sample = runChild(client, baseUrl, options.get("warmup"), options.get("answers"), chunks, expectedLength);
          System.err.printf(Locale.ROOT, "run %d %-36s %s%n", run, client.label(), sample);
          samples.computeIfAbsent(client, ignored -> new ArrayList<>()).add(sample);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%nJava %s (%s), %d processors; load average %s before, %s after%n",
        System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
        Runtime.getRuntime().availableProcessors(), loadBefore, machine());
    System.out.print(table(samples, chunks, runs));
  }

  /** The one-minute load average: CPU time is robust to a busy machine, but say how busy it was. */
  private static String machine() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
  }

  private static Map<String, Integer> options(String[] args) {
    Map<String, Integer> options = new java.util.LinkedHashMap<>(
        Map.of("chunks", 100_000, "runs", 3, "warmup", 10, "answers", 10));
    for (String arg : args) {
      String[] pair = arg.split("=", 2);
      if (pair.length != 2 || !options.containsKey(pair[0])) {
        throw new IllegalArgumentException("unknown option " + arg + "; known: " + options.keySet());
      }
      options.put(pair[0], Integer.parseInt(pair[1]));
    }
    return options;
  }

  /** Per-chunk cost of one JVM's measured answers. */
  record Sample(double cpuMicrosPerChunk, double bytesPerChunk, double wallMillisPerAnswer) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "cpu %.2f us/chunk, alloc %,.0f B/chunk, wall %.1f ms/answer",
          cpuMicrosPerChunk, bytesPerChunk, wallMillisPerAnswer);
    }
  }

  private static Sample runChild(StreamingClients client, String baseUrl, int warmup, int answers, int chunks,
      int expectedLength) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // The same fixed heap for every client, so neither is measured against a different GC sizing.
    Process process = new ProcessBuilder(java.toString(), "-Xms1g", "-Xmx1g", "-cp",
        System.getProperty("java.class.path"), ClientCost.class.getName(), "--child", client.name(), baseUrl,
        Integer.toString(warmup), Integer.toString(answers), Integer.toString(expectedLength))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith(RESULT)) result = line.substring(RESULT.length());
      }
    }
    if (process.waitFor() != 0 || result == null) throw new IllegalStateException(client + " run failed");
    String[] fields = result.split(" ");
    double cpuNanos = Double.parseDouble(fields[0]);
    double bytes = Double.parseDouble(fields[1]);
    double wallNanos = Double.parseDouble(fields[2]);
    double measuredChunks = (double) answers * chunks;
    return new Sample(cpuNanos / measuredChunks / 1_000, bytes / measuredChunks, wallNanos / answers / 1_000_000);
  }

  private static void child(StreamingClients client, String baseUrl, int warmup, int answers, int expectedLength)
      throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (StreamingClients.Reader reader = client.open(baseUrl)) {
      int warmed = warmUp(reader, warmup, expectedLength);
      System.err.printf(Locale.ROOT, "%s warmed up in %d answers%n", client.label(), warmed);
      long cpu = os.getProcessCpuTime();
      long allocated = threads.getTotalThreadAllocatedBytes();
      long wall = System.nanoTime();
      for (int i = 0; i < answers; i++) check(reader.readAnswer(), expectedLength);
      wall = System.nanoTime() - wall;
      allocated = threads.getTotalThreadAllocatedBytes() - allocated;
      cpu = os.getProcessCpuTime() - cpu;
      System.out.println(RESULT + cpu + " " + allocated + " " + wall);
    }
  }

  /**
   * Reads at least {@code minimum} answers, then more until one passes without the JIT compiling
   * anything (at most {@link #MAX_WARMUP}): compilation in the measured window is CPU the client
   * does not spend in a long-running bot, and with three warm-up answers it was a third of the
   * measured CPU of the faster client on this machine.
   */
  private static int warmUp(StreamingClients.Reader reader, int minimum, int expectedLength) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    for (int answers = 1; ; answers++) {
      long compiling = jit.getTotalCompilationTime();
      check(reader.readAnswer(), expectedLength);
      if (answers >= MAX_WARMUP || answers >= minimum && jit.getTotalCompilationTime() == compiling) return answers;
    }
  }

  /** A client that dropped or invented text would look cheap for the wrong reason. */
  private static void check(int length, int expected) {
    if (length != expected) throw new IllegalStateException("read " + length + " characters, expected " + expected);
  }

  private static String table(Map<StreamingClients, List<Sample>> samples, int chunks, int runs) {
    Sample peer = median(samples.get(StreamingClients.OPENAI_JAVA));
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%n%,d content chunks per answer, medians of %d runs (one JVM per client and run)%n%n"
            + "| client | CPU µs per chunk | bytes allocated per chunk | wall ms per answer | CPU vs openai-java | bytes vs openai-java |%n"
            + "|---|---:|---:|---:|---:|---:|%n", chunks, runs));
    for (StreamingClients client : StreamingClients.values()) {
      Sample m = median(samples.get(client));
      table.append(String.format(Locale.ROOT, "| %s | %.2f | %,.0f | %.0f | %.2f× | %.3f× |%n", client.label(),
          m.cpuMicrosPerChunk(), m.bytesPerChunk(), m.wallMillisPerAnswer(),
          m.cpuMicrosPerChunk() / peer.cpuMicrosPerChunk(), m.bytesPerChunk() / peer.bytesPerChunk()));
    }
    return table.toString();
  }

  /** Median of each column on its own. */
  private static Sample median(List<Sample> runs) {
    return new Sample(median(runs.stream().mapToDouble(Sample::cpuMicrosPerChunk).toArray()),
        median(runs.stream().mapToDouble(Sample::bytesPerChunk).toArray()),
        median(runs.stream().mapToDouble(Sample::wallMillisPerAnswer).toArray()));
  }

  private static double median(double[] values) {
    java.util.Arrays.sort(values);
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }
}
