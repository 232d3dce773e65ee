package dev.parley.core.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one reader of a {@code Retry-After} value, for every service Parley calls (Groq, Slack,
 * Discord): RFC 9110 section 10.2.3 allows delay-seconds ({@code 120}) or an HTTP-date
 * ({@code Fri, 31 Dec 1999 23:59:59 GMT}), and the chat platforms add fractional seconds (Discord's
 * {@code retry_after} is a float such as {@code 1.234}).
 *
 * <p>Accepted: non-negative seconds with an optional fraction; IMF-fixdate, and the obsolete
 * RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and asctime ({@code Sun Nov  6 08:49:37 1994})
 * forms that RFC 9110 asks recipients to accept. A date in the past means "now" (zero). Anything
 * else, negative numbers included, is empty: the caller then falls back to its own backoff.
 * Every result is at most {@link #MAX}, so a garbled or hostile value cannot park a thread for
 * days. Pure and thread-safe.
 */
public final class RetryAfter {
  /** The longest wait any value yields; more than any Parley retry would wait for anyway. */
  public static final Duration MAX = Duration.ofHours(1);

  private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?");
  private static final Pattern WHOLE_SECONDS = Pattern.compile("\\d+");
  /** Two-digit years read as 1970 to 2069, which RFC 9110's "not more than 50 years ahead" allows today. */
  private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
      .appendPattern("EEEE, dd-MMM-")
      .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
      .appendPattern(" HH:mm:ss zzz")
      .toFormatter(Locale.US);
  private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US)
      .withZone(ZoneOffset.UTC);
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850, ASCTIME);

  private RetryAfter() {}

  /**
   * The wait {@code value} asks for, measured from {@code clock}'s now for a date.
   *
   * @param value the header's or field's text; null, blank or unreadable gives empty
   * @return the wait, between zero and {@link #MAX}; empty when {@code value} says nothing usable
   */
  public static Optional<Duration> parse(String value, Clock clock) {
    if (value == null || value.isBlank()) return Optional.empty();
    String text = value.strip();
    if (SECONDS.matcher(text).matches()) return Optional.of(capped(seconds(text)));
    return date(text).map(date -> Duration.between(clock.instant(), date.toInstant()))
        .map(wait -> wait.isNegative() ? Duration.ZERO : capped(wait));
  }

  /**
   * {@code value} rewritten as whole delay-seconds, rounded up, for a client that reads nothing
   * else: JDA 6.1 and the Slack SDK 1.51 parse {@code Retry-After} with {@code Long.parseLong}.
   *
   * @return the rewritten value; empty when {@code value} is already whole seconds (nothing to
   *     rewrite) or says nothing usable (left for the client as it came)
   */
  public static Optional<String> asWholeSeconds(String value, Clock clock) {
    if (value == null || WHOLE_SECONDS.matcher(value).matches()) return Optional.empty();
    return parse(value, clock).map(wait -> Long.toString(wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0)));
  }

  /** Whole milliseconds, rounded up, so a wait is never cut short. */
  private static Duration seconds(String text) {
    int dot = text.indexOf('.');
    if ((dot < 0 ? text.length() : dot) > 12) return MAX;
    BigDecimal millis = new BigDecimal(text).movePointRight(3).setScale(0, RoundingMode.CEILING);
    return millis.compareTo(BigDecimal.valueOf(MAX.toMillis())) > 0 ? MAX : Duration.ofMillis(millis.longValueExact());
  }

  private static Duration capped(Duration wait) {
    return wait.compareTo(MAX) > 0 ? MAX : wait;
  }

  private static Optional<ZonedDateTime> date(String text) {
    // asctime pads a one-digit day with a second space; no form needs two spaces in a row.
    String folded = WHITESPACE.matcher(text).replaceAll(" ");
    for (DateTimeFormatter format : DATES) {
      try {
        return Optional.of(ZonedDateTime.parse(folded, format));
      } catch (DateTimeException notThisForm) {
        // try the next form
      }
    }
    return Optional.empty();
  }
}
