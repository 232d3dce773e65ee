package dev.parley.deploy.process;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built {@code parley.jar} running as a separate process, with only the environment a test
 * gives it. Captures stdout and stderr as they arrive, so a test can wait for a line.
 */
public final class ParleyProcess implements AutoCloseable {
  private final Process process;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private final List<Thread> pumps;

  private ParleyProcess(Process process) {
    this.process = process;
    this.pumps = List.of(pump(process.getInputStream(), out, "stdout"), pump(process.getErrorStream(), err, "stderr"));
  }

  /** Starts {@code java -jar parley.jar args} with exactly {@code env} (plus PATH and HOME). */
  public static ParleyProcess start(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-jar", jar().toString()));
    command.addAll(List.of(args));
    return startCommand(command, env);
  }

  /**
   * Starts any command (such as an entrypoint script that runs the jar) with exactly {@code env},
   * plus HOME and a PATH whose first {@code java} is the JDK running the tests.
   */
  public static ParleyProcess startCommand(List<String> command, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    String path = environment.get("PATH");
    String home = environment.get("HOME");
    environment.clear();
    String javaBin = Path.of(javaBinary()).getParent().toString();
    environment.put("PATH", path == null ? javaBin : javaBin + java.io.File.pathSeparator + path);
    if (home != null) environment.put("HOME", home);
    environment.putAll(env);
    try {
      return new ParleyProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path jar() {
    Path jar = Path.of(System.getProperty("parley.jar", "target/parley.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("build the jar first (./mvnw -pl deploy -am verify runs these tests after package)");
    }
    return jar;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void writeLine(String line) throws IOException {
    OutputStream stdin = process.getOutputStream();
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  public void closeStdin() throws IOException {
    process.getOutputStream().close();
  }

  public String stdout() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  public String stderr() {
    synchronized (err) {
      return err.toString(StandardCharsets.UTF_8);
    }
  }

  /** Waits until stdout contains {@code text}. */
  public void awaitStdout(String text, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> stdout().contains(text));
  }

  /** Waits for the exit; returns the code, or throws when it does not come within {@code timeout}. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("parley.jar did not exit within " + timeout + "\nstdout:\n" + stdout() + "\nstderr:\n" + stderr());
    }
    // The output may still be in the pipes: read it to the end before anyone looks at it.
    for (Thread pump : pumps) pump.join(Duration.ofSeconds(10));
    return process.exitValue();
  }

  /**
   * Sends SIGTERM, as Kubernetes and docker stop do. Through the {@link ProcessHandle}, because
   * {@link Process#destroy()} also closes our ends of the pipes, losing what the process writes
   * while it shuts down.
   */
  public void terminate() {
    process.toHandle().destroy();
  }

  /** Sends the named signal, such as {@code INT} for Ctrl-C, with {@code kill}. */
  public void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) throw new IllegalStateException("kill -" + name + " failed");
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Thread pump(InputStream from, ByteArrayOutputStream to, String name) {
    return Thread.ofVirtual().name("parley-" + name).start(() -> {
      byte[] buffer = new byte[4096];
      try {
        for (int n; (n = from.read(buffer)) > 0; ) {
          synchronized (to) {
            to.write(buffer, 0, n);
          }
        }
      } catch (IOException e) {
        // The process ended; what was read is kept.
      }
    });
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
