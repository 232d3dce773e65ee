package dev.parley.core.internal.llm.groq;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Go's {@code time.Duration} strings, as Groq writes its {@code x-ratelimit-reset-*}. */
final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Pattern WHOLE = Pattern.compile("(?:" + PART.pattern() + ")+");

  private GoDuration() {}

  /** The duration, or null when {@code text} is null or not a Go duration (headers are advisory). */
  static Duration parse(String text) {
    if (text == null) return null;
    String value = text.strip();
    if (value.equals("0")) return Duration.ZERO;
    if (!WHOLE.matcher(value).matches()) return null;
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(value);
    while (part.find()) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(nanosPer(part.group(2))));
    }
    return Duration.ofNanos(nanos.longValue());
  }

  private static BigDecimal nanosPer(String unit) {
    return BigDecimal.valueOf(switch (unit) {
      case "ns" -> 1L;
      case "us", "µs", "μs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    });
  }
}
