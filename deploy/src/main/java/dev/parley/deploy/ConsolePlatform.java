package dev.parley.deploy;

import dev.parley.core.api.BotCore;
import dev.parley.core.console.ConsoleChat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console mode as a platform: chats on stdin and stdout when no Slack or Discord token is set.
 * When input ends (or {@code /quit}), it calls {@code onEnd}, which exits the application; every
 * answer has finished by then, because the console waits for each answer before reading on.
 */
final class ConsolePlatform implements PlatformRunner {
  private static final Logger log = LoggerFactory.getLogger(ConsolePlatform.class);

  private final InputStream in;
  private final PrintStream out;
  private final String user;
  private final Runnable onEnd;
  private volatile boolean running;

  ConsolePlatform(InputStream in, PrintStream out, String user, Runnable onEnd) {
    this.in = in;
    this.out = out;
    this.user = user;
    this.onEnd = onEnd;
  }

  @Override
  public String name() {
    return "console";
  }

  @Override
  public void start(BotCore core) {
    running = true;
    // A daemon thread: a read blocked on stdin must not keep the JVM alive during shutdown.
    Thread.ofPlatform().name("parley-console").daemon().start(() -> {
      try {
        new ConsoleChat(core, user).run(in, out);
      } catch (IOException e) {
        log.warn("console input failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        boolean endedByInput = running;
        running = false;
        if (endedByInput) onEnd.run();
      }
    });
  }

  /** Marks the console as stopped; a line read afterwards reaches an engine that refuses it politely. */
  @Override
  public void stop() {
    running = false;
  }

  /** Nothing to release: the console thread is a daemon and ends with the process. */
  @Override
  public void close() {}

  @Override
  public boolean isConnected() {
    return running;
  }
}
