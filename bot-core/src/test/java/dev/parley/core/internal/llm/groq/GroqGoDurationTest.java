package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.llm.RateLimits;
import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroqGoDurationTest {

  @ParameterizedTest
  @CsvSource({
      "7.66s, 7660", "2m59.56s, 179560", "547ms, 547", "1h0m0s, 3600000", "1h2m3s, 3723000",
      "0s, 0", "0, 0", "1.5ms, 1"})
  void parsesGoDurations(String text, long millis) {
    assertThat(GoDuration.parse(text).toMillis()).isEqualTo(millis);
  }

  @Test
  void keepsSubMillisecondPrecision() {
    assertThat(GoDuration.parse("1.5ms")).isEqualTo(Duration.ofNanos(1_500_000));
    assertThat(GoDuration.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
  }

  @ParameterizedTest
  @CsvSource({"7.66", "s", "1x", "-1s", "''", "abc"})
  void rejectsWhatIsNotADuration(String text) {
    assertThat(GoDuration.parse(text)).isNull();
  }

  @Test
  void readsQuotaHeaders() {
    Headers headers = Headers.of(
        "x-ratelimit-limit-requests", "14400", "x-ratelimit-limit-tokens", "6000",
        "x-ratelimit-remaining-requests", "14370", "x-ratelimit-remaining-tokens", "garbled",
        "x-ratelimit-reset-requests", "2m59.56s", "x-ratelimit-reset-tokens", "7.66s");

    assertThat(GroqQuotaHeaders.parse(headers)).isEqualTo(new RateLimits(14400L, 6000L, 14370L, null,
        Duration.ofMillis(179_560), Duration.ofMillis(7660)));
    assertThat(GroqQuotaHeaders.parse(Headers.of())).isNull();
  }
}
