package dev.parley.core.testing.corpus;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records every log line (message, arguments and stack trace) written while it is attached to
 * Logback's root logger, whatever its level, so a test can prove no secret was logged.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<String> lines = new ArrayList<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  public static LogCapture attach() {
    LogCapture capture = new LogCapture();
    capture.setContext(capture.root.getLoggerContext());
    capture.start();
    capture.root.addAppender(capture);
    return capture;
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
    if (event.getThrowableProxy() != null) line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
    if (event.getMDCPropertyMap() != null) line.append(' ').append(event.getMDCPropertyMap());
    lines.add(line.toString());
  }

  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** The lines that contain any of {@code secrets}. */
  public List<String> linesContaining(List<String> secrets) {
    return lines().stream().filter(line -> secrets.stream().anyMatch(line::contains)).toList();
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
