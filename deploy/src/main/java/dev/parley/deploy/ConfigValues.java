package dev.parley.deploy;

import dev.parley.core.api.RequestLimit;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the value forms shared by environment variables and the YAML file. Each parser throws
 * {@link IllegalArgumentException} with a message fit to show an operator; it never echoes the
 * value, because callers may be parsing a secret.
 */
final class ConfigValues {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
  private static final Pattern LIMIT = Pattern.compile("(\\d+)\\s*/\\s*(\\S+)");
  private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?");
  private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(KiB|MiB)?");

  private ConfigValues() {}

  /** {@code 500ms}, {@code 20s}, {@code 5m}, {@code 1h}, a bare number of seconds, or ISO-8601 ({@code PT20S}). */
  static Duration duration(String text) {
    String value = text.trim();
    Matcher matcher = SHORT_DURATION.matcher(value);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2) == null ? "s" : matcher.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofSeconds(amount);
      };
    }
    try {
      Duration parsed = Duration.parse(value);
      if (parsed.isNegative()) throw new IllegalArgumentException("a duration must not be negative");
      return parsed;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration; write it like 500ms, 20s, 5m or 1h");
    }
  }

  /** {@code 20/1h}: at most 20 requests per hour; {@code 0/1m} or {@code unlimited} means no limit. */
  static RequestLimit limit(String text) {
    String value = text.trim();
    if (value.equalsIgnoreCase("unlimited")) return RequestLimit.UNLIMITED;
    Matcher matcher = LIMIT.matcher(value);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a limit; write it as requests/window, like 20/1h, or unlimited");
    }
    Duration window = duration(matcher.group(2));
    if (window.isZero()) throw new IllegalArgumentException("the window of a limit must be longer than zero");
    return new RequestLimit(Integer.parseInt(matcher.group(1)), window);
  }

  /** A comma-separated list; blanks are dropped. */
  static List<String> list(String text) {
    if (text == null || text.isBlank()) return List.of();
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** A port number from 0 to 65535 (0 picks a free port, for tests). */
  static int port(String text) {
    int port = integer(text);
    if (port < 0 || port > 65535) throw new IllegalArgumentException("a port is a number from 0 to 65535");
    return port;
  }

  static boolean bool(String text) {
    return switch (text.trim().toLowerCase()) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  /** {@code 262144}, {@code 256KiB} or {@code 1MiB}: a number of bytes. */
  static long bytes(String text) {
    Matcher matcher = BYTES.matcher(text.trim());
    if (!matcher.matches()) throw new IllegalArgumentException("not a size; write it in bytes, or like 256KiB or 1MiB");
    long amount = wholeNumber(matcher.group(1));
    long unit = matcher.group(2) == null ? 1 : matcher.group(2).equals("KiB") ? 1024 : 1024 * 1024;
    if (amount > Long.MAX_VALUE / unit) throw new IllegalArgumentException("too large");
    return amount * unit;
  }

  /** A whole number that may exceed an int, such as a token count. */
  static long wholeNumber(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a whole number");
    }
  }

  static int integer(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a whole number");
    }
  }

  /** Shard ids such as {@code 0,1} or {@code 2-3}; each must be below {@code total}. */
  static Set<Integer> shardIds(String text, int total) {
    Set<Integer> ids = new TreeSet<>();
    for (String part : list(text)) {
      Matcher matcher = RANGE.matcher(part);
      if (!matcher.matches()) throw new IllegalArgumentException("write shard ids like 0,1 or 2-3");
      int from = Integer.parseInt(matcher.group(1));
      int to = matcher.group(2) == null ? from : Integer.parseInt(matcher.group(2));
      if (to < from || to >= total) {
        throw new IllegalArgumentException("shard ids must run from 0 to DISCORD_SHARD_TOTAL - 1 (" + (total - 1) + ")");
      }
      for (int id = from; id <= to; id++) ids.add(id);
    }
    return ids;
  }

  /** An absolute URL with one of {@code schemes} and a host. */
  static URI url(String text, Set<String> schemes) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + e.getReason());
    }
    if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase())) {
      throw new IllegalArgumentException("a URL here starts with " + String.join(" or ", sorted(schemes)) + "://");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("the URL has no host name");
    }
    return uri;
  }

  private static List<String> sorted(Set<String> values) {
    List<String> list = new ArrayList<>(values);
    list.sort(null);
    return list;
  }
}
