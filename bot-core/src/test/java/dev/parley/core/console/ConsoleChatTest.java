package dev.parley.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.internal.engine.ConversationEngine;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Console mode through the real engine and Groq client; the jar-level run is in deploy's ConsoleModeIT. */
class ConsoleChatTest {

  @Test
  void twoQuestionsAreStreamedAndTheSecondRequestCarriesTheFirstExchange() throws Exception {
    try (FakeGroq groq = FakeGroq.start(); ConversationEngine engine = TestEngines.inMemory(groq.baseUrl())) {
      groq.enqueueAnswer("Paris is the capital of France.", 3, Duration.ofMillis(5));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      String input = "What is the capital of France?\n/model\nAnd of Italy?\n/reset\n/quit\nnever read\n";

      new ConsoleChat(engine.core(), "ada").run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
          new PrintStream(out, true, StandardCharsets.UTF_8));

      String screen = out.toString(StandardCharsets.UTF_8);
      assertThat(screen).contains("parley> Paris is the capital of France.\n")
          .contains("Model: llama-3.3-70b-versatile. Available: groq/compound, groq/compound-mini, llama-3.1-8b-instant, llama-3.3-70b-versatile,"
              + " openai/gpt-oss-120b")
          .contains("parley> echo: And of Italy?\n")
          .contains("Conversation cleared.")
          .doesNotContain("never read");
      groq.takeRequest(Duration.ofSeconds(5));
      JsonNode second = groq.takeRequest(Duration.ofSeconds(5));
      assertThat(second.get("messages").toString())
          .contains("What is the capital of France?").contains("Paris is the capital of France.");
      assertThat(groq.completionCalls()).isEqualTo(2);
    }
  }
}
