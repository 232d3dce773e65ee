package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.testing.FakeGroq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/** With no platform token the jar chats on the console, through the real engine and Groq client. */
class ConsoleModeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void answersTwoQuestionsAndSendsTheFirstExchangeWithTheSecond() throws Exception {
    // A fake that, like Groq, answers only the configured key: it must reach the wire.
    try (FakeGroq groq = FakeGroq.start();
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(),
            "GROQ_API_KEY", FakeGroq.API_KEY, "PORT", Integer.toString(ParleyProcess.freePort())))) {
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

  @Test
  void logsOneJsonObjectPerLineWithTheConversationInTheMdc() throws Exception {
    try (FakeGroq groq = FakeGroq.startKeyless();
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(), "LOG_FORMAT", "json",
            "PORT", Integer.toString(ParleyProcess.freePort())))) {
      groq.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
          .body("{\"error\":{\"message\":\"bad request\",\"type\":\"invalid_request_error\"}}").build());
      parley.writeLine("this one fails");
      parley.closeStdin();

      assertThat(parley.awaitExit(Duration.ofSeconds(60))).isZero();
      List<JsonNode> lines = new ArrayList<>();
      for (String line : parley.stderr().strip().split("\n")) lines.add(JSON.readTree(line));
      assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.path("level").asText()).isNotEmpty());
      assertThat(lines).anySatisfy(line -> {
        assertThat(line.path("mdc").path("platform").asText()).isEqualTo("console");
        assertThat(line.path("mdc").path("conversation").asText()).startsWith("console:local:");
        assertThat(line.path("mdc").path("request_id").asText()).isNotEmpty();
      });
      assertThat(lines).anySatisfy(line -> assertThat(line.path("formattedMessage").asText()).contains("REDIS_URL is not set"));
    }
  }
}
