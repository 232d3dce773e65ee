package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.testing.FakeGroq;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no platform token the jar chats on the console, through the real engine and Groq client. */
class ConsoleModeIT {

  @Test
  void answersTwoQuestionsAndSendsTheFirstExchangeWithTheSecond() throws Exception {
    try (FakeGroq groq = FakeGroq.start();
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(),
            "PORT", Integer.toString(ParleyProcess.freePort())))) {
      parley.writeLine("What is Parley?");
      parley.writeLine("And what does it run on?");
      parley.closeStdin();

      assertThat(parley.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(parley.stdout()).contains("parley> echo: What is Parley?", "parley> echo: And what does it run on?");
      JsonNode first = groq.takeRequest(Duration.ofSeconds(5));
      JsonNode second = groq.takeRequest(Duration.ofSeconds(5));
      assertThat(first.path("messages").toString()).doesNotContain("echo:");
      assertThat(second.path("messages").toString())
          .contains("\"content\":\"What is Parley?\"", "\"content\":\"echo: What is Parley?\"",
              "\"content\":\"And what does it run on?\"");
      assertThat(parley.stderr()).contains("REDIS_URL is not set");
    }
  }
}
