package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroqBackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void honoursRetryAfterUpToTheCap() {
    assertThat(backoff.delayAfter(1, Optional.of(Duration.ofMillis(700)))).contains(Duration.ofMillis(700));
    assertThat(backoff.delayAfter(1, Optional.of(Duration.ofSeconds(30))))
        .as("too long for a chat reply: surface the error instead").isEmpty();
  }

  @Test
  void fullJitterWithinAnExponentialCeiling() {
    for (int i = 0; i < 200; i++) {
      assertThat(backoff.delayAfter(1, Optional.empty()).orElseThrow()).isBetween(Duration.ZERO, Duration.ofMillis(100));
      assertThat(backoff.delayAfter(3, Optional.empty()).orElseThrow()).isBetween(Duration.ZERO, Duration.ofMillis(400));
      assertThat(backoff.delayAfter(10, Optional.empty()).orElseThrow()).isBetween(Duration.ZERO, Duration.ofSeconds(1));
    }
  }
}
