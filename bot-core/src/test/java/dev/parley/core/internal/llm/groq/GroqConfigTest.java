package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GroqConfigTest {

  @Test
  void toStringNeverShowsTheKey() {
    GroqConfig config = GroqConfig.defaults("gsk_supersecret123");

    assertThat(config.toString()).doesNotContain("gsk_supersecret123").contains("apiKey=***")
        .contains("https://api.groq.com/openai/v1");
  }

  @Test
  void defaultsAndNormalisesTheBaseUrl() {
    assertThat(GroqConfig.defaults("k").withBaseUrl(null).baseUrl()).isEqualTo(GroqConfig.DEFAULT_BASE_URL);
    assertThat(GroqConfig.defaults("k").withBaseUrl("http://127.0.0.1:9/openai/v1/").baseUrl())
        .isEqualTo("http://127.0.0.1:9/openai/v1");
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> GroqConfig.defaults(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GroqConfig.defaults("k").withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GroqConfig.defaults("k").withTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
