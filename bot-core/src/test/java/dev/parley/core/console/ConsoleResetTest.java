package dev.parley.core.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.internal.engine.ConversationEngine;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code /reset} in console mode, through the real engine and Groq client: what reaches the model
 * after a reset is what counts, so the tests read FakeGroq's recorded request bodies.
 */
class ConsoleResetTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void afterAnAnswerAndAResetTheNextRequestCarriesNothingOfTheFirstExchange() throws Exception {
    try (FakeGroq groq = FakeGroq.start(); ConversationEngine engine = TestEngines.inMemory(groq.baseUrl())) {
      groq.enqueueAnswer("Paris is the capital of France.", 4, Duration.ofMillis(5));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      String input = "What is the capital of France?\n/reset\nTell me a joke\n/quit\n";

      new ConsoleChat(engine.core(), "ada").run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
          new PrintStream(out, true, StandardCharsets.UTF_8));

      assertThat(out.toString(StandardCharsets.UTF_8)).contains("parley> Paris is the capital of France.\n")
          .contains("Conversation cleared.").contains("parley> echo: Tell me a joke\n");
      groq.takeRequest(WAIT);
      assertThat(groq.takeRequest(WAIT).get("messages").toString())
          .contains("Tell me a joke").doesNotContain("capital of France").doesNotContain("Paris");
    }
  }

  /**
   * The same user in two terminals shares one conversation: a {@code /reset} typed in the second
   * while the first still streams must stop that answer (its text stays, marked stopped) and keep
   * every bit of it out of the conversation, although the answer's turn ends after the reset.
   */
  @Test
  void aResetWhileAnAnswerStreamsStopsItAndNothingOfItReachesTheNextRequest() throws Exception {
    try (FakeGroq groq = FakeGroq.start(); ConversationEngine engine = TestEngines.inMemory(groq.baseUrl())) {
      ByteArrayOutputStream firstScreen = new ByteArrayOutputStream();
      ByteArrayOutputStream secondScreen = new ByteArrayOutputStream();
      // The role chunk and the first words go at once; the rest only once the reset is done.
      groq.enqueueHeldAnswer("Paris is the capital of France, and has been for centuries.", 10, event -> {
        if (event >= 2) {
          await().atMost(WAIT).until(() -> secondScreen.toString(StandardCharsets.UTF_8).contains("Conversation cleared."));
        }
        return true;
      });
      CompletableFuture<Void> first = Terminals.open(() -> chat(engine, "What is the capital of France?\n/quit\n", firstScreen));
      await().atMost(WAIT).until(() -> firstScreen.toString(StandardCharsets.UTF_8).contains("parley> Paris is t"));

      chat(engine, "/reset\nTell me a joke\n/quit\n", secondScreen);
      first.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      groq.takeRequest(WAIT);
      JsonNode afterReset = groq.takeRequest(WAIT);
      assertThat(afterReset.get("messages").toString())
          .contains("Tell me a joke").doesNotContain("capital of France").doesNotContain("Paris");
      assertThat(firstScreen.toString(StandardCharsets.UTF_8)).contains("parley> Paris is t").contains("[Stopped.]");
      assertThat(secondScreen.toString(StandardCharsets.UTF_8)).contains("parley> echo: Tell me a joke\n");
    }
  }

  private static void chat(ConversationEngine engine, String input, ByteArrayOutputStream screen) {
    try {
      new ConsoleChat(engine.core(), "ada").run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
          new PrintStream(screen, true, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
