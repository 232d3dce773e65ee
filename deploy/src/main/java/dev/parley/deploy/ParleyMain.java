package dev.parley.deploy;

import dev.parley.core.api.RedactedUrl;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The entry point of {@code parley.jar}. Validates the configuration (exit code 2 with every
 * problem listed), starts the application, and installs the SIGTERM hook that shuts it down
 * gracefully.
 */
public final class ParleyMain {
  /** Exit code for a configuration that cannot start, so scripts can tell it from a crash. */
  static final int BAD_CONFIG = 2;

  private ParleyMain() {}

  public static void main(String[] args) {
    int exit = run(args, System.getenv(), System.out, System.err);
    if (exit != 0) System.exit(exit);
  }

  /** Runs the program; returns 0 once the application runs, or the exit code of a failed start. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    List<String> arguments = List.of(args);
    if (arguments.contains("--help") || arguments.contains("-h")) {
      out.print(HelpText.render());
      return 0;
    }
    if (!arguments.isEmpty()) {
      err.println("Unknown argument " + arguments.get(0) + ". Parley is configured by environment variables; see --help.");
      return BAD_CONFIG;
    }
    ParleyConfig config;
    try {
      config = ParleyConfig.load(env);
    } catch (InvalidConfigException e) {
      err.println(e.getMessage());
      return BAD_CONFIG;
    }
    return start(config, err);
  }

  /**
   * SIGTERM is how an orchestrator asks Parley to stop, so a finished drain is a success: the
   * process exits 0 rather than the JVM's 143, and supervisors do not count the restart as a
   * crash. The shutdown hook stays for SIGINT and {@code System.exit}; stopping twice is a no-op.
   * Where the JVM does not let us handle the signal, its default (the hook, then 143) applies.
   */
  private static void exitZeroAfterDrainOnSigterm(ParleyApplication app, Logger log) {
    try {
      // Not on the JVM's handler thread, which is a daemon: once stop() closes the last other
      // non-daemon thread (the HTTP server's), the JVM would end halfway through the drain.
      Signal.handle(new Signal("TERM"), signal -> Thread.ofPlatform().daemon(false).name("parley-sigterm").start(() -> {
        try {
          app.stop();
        } catch (RuntimeException e) {
          log.error("the drain failed; exiting anyway", e);
        } finally {
          // SIGTERM is ours now: without this exit, a failed drain would leave the process hanging.
          System.exit(0);
        }
      }));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.debug("SIGTERM handler not installed; the shutdown hook drains instead", e);
    }
  }

  private static int start(ParleyConfig config, PrintStream err) {
    // Logging starts only now, so that a bad LOG_FORMAT is reported above rather than by Logback.
    Logger log = LoggerFactory.getLogger(ParleyMain.class);
    try {
      ParleyApplication app = ParleyApplication.start(config,
          new DefaultPlatforms(System.in, System.out, () -> System.exit(0)));
      Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("parley-shutdown").unstarted(app::stop));
      exitZeroAfterDrainOnSigterm(app, log);
      return 0;
    } catch (InvalidConfigException e) {
      err.println(e.getMessage());
      return BAD_CONFIG;
    } catch (RuntimeException e) {
      log.error("Parley could not start: {}", RedactedUrl.inText(e.getMessage()), e);
      return 1;
    }
  }
}
