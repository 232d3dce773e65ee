package dev.parley.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Retry-After as Groq, Slack and Discord send it, and as RFC 9110 allows. */
class RetryAfterTest {
  /** Fri, 31 Dec 1999 23:59:00 GMT: the dates below are a minute or so after. */
  private static final Clock NOW = Clock.fixed(Instant.parse("1999-12-31T23:59:00Z"), ZoneOffset.UTC);

  @ParameterizedTest(name = "\"{0}\" waits {1} ms")
  @CsvSource(delimiter = '|', value = {
      // delay-seconds: Slack and Groq send whole seconds, Discord's header too
      "120                            | 120000",
      "0                              | 0",
      "' 7 '                          | 7000",
      // fractional seconds: Discord's retry_after, Groq's retry-after on some 429s
      "1.234                          | 1234",
      "0.0005                         | 1",
      "2.5                            | 2500",
      // IMF-fixdate (RFC 9110's preferred HTTP-date)
      "Fri, 31 Dec 1999 23:59:59 GMT  | 59000",
      "Fri, 31 Dec 1999 23:59:00 GMT  | 0",
      // the obsolete forms a recipient must still read
      "Friday, 31-Dec-99 23:59:30 GMT | 30000",
      "Fri Dec 31 23:59:45 1999       | 45000",
      "Sat Jan  1 00:00:05 2000       | 65000",
      // a date already past is no wait at all
      "Thu, 30 Dec 1999 12:00:00 GMT  | 0",
      // anything longer than an hour is an hour
      "86400                          | 3600000",
      "99999999999999999999.5         | 3600000",
      "Sat, 01 Jan 2000 12:00:00 GMT  | 3600000",
  })
  void readsEveryFormTheServicesSend(String value, long millis) {
    assertThat(RetryAfter.parse(value, NOW)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "\"{0}\" says nothing")
  @NullAndEmptySource
  @ValueSource(strings = {" ", "soon", "-1", "-0.5", "1e3", "1,5", "0x10", "NaN", "Infinity", "1.", ".5",
      "Fri, 32 Dec 1999 23:59:59 GMT", "31 Dec 1999", "2000-01-01T00:00:00Z"})
  void garbageSaysNothing(String value) {
    assertThat(RetryAfter.parse(value, NOW)).isEqualTo(Optional.empty());
  }

  @ParameterizedTest(name = "\"{0}\" is sent on as \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "Fri, 31 Dec 1999 23:59:59 GMT  | 59",
      "1.234                          | 2",
      "0.0                            | 0",
      "' 7 '                          | 7",
      "Thu, 30 Dec 1999 12:00:00 GMT  | 0",
  })
  void rewritesWhatAWholeSecondsClientCannotRead(String value, String rewritten) {
    assertThat(RetryAfter.asWholeSeconds(value, NOW)).contains(rewritten);
  }

  @ParameterizedTest(name = "\"{0}\" is left as it came")
  @NullSource
  @ValueSource(strings = {"7", "120", "soon", "-1"})
  void leavesWholeSecondsAndGarbageAlone(String value) {
    assertThat(RetryAfter.asWholeSeconds(value, NOW)).isEmpty();
  }
}
