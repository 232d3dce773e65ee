package dev.parley.discord.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AskCommandE2ETest {
  private static DiscordHarness harness;

  @BeforeAll
  static void start() throws InterruptedException {
    harness = DiscordHarness.start();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void connectsWithIdentifyAndRegistersTheCommandsOnce() {
    JsonNode identify = harness.discord.gateway().identifyPayload();
    assertThat(identify.path("intents").asInt()).isPositive();
    List<RecordedCall> registrations = harness.discord.calls().stream()
        .filter(c -> c.is("PUT", "applications/\\d+/guilds/\\d+/commands")).toList();
    assertThat(registrations).hasSize(1);
    assertThat(registrations.getFirst().body().size()).isEqualTo(4);
  }

  @Test
  void askIsDeferredAtOnceAndTheOriginalIsEditedInPlaceUntilItShowsTheAnswer() {
    String answer = "Redis keeps data in memory. It is fast, simple, and it persists to disk when asked. "
        + "Use it for caches, queues and counters.";
    harness.groq.enqueueAnswer(answer, 6, Duration.ofMillis(150));
    Instant sent = Instant.now();
    ObjectNode interaction = harness.ask("What is Redis?", InteractionPayloads.Place.guildChannel());
    String interactionId = interaction.get("id").asText();

    await().atMost(Duration.ofSeconds(3)).until(() -> harness.discord.callback(interactionId) != null);
    assertThat(harness.discord.callback(interactionId).path("type").asInt()).isEqualTo(5);
    RecordedCall deferral = harness.discord.calls().stream()
        .filter(c -> c.is("POST", "interactions/" + interactionId + "/.+/callback")).findFirst().orElseThrow();
    assertThat(Duration.between(sent, deferral.at())).isLessThan(Duration.ofSeconds(3));

    String originalId = harness.awaitOriginal(interaction, answer);
    List<String> shown = harness.discord.contentHistory(originalId);
    assertThat(shown.getLast()).isEqualTo(answer);
    List<String> edits = shown.subList(1, shown.size());
    assertThat(edits.stream().filter(text -> !text.contains("Thinking")).distinct().count()).isGreaterThanOrEqualTo(3);
    assertThat(edits).allSatisfy(text -> assertThat(answer).startsWith(text.contains("Thinking") ? "" : text));
    assertThat(harness.discord.botMessagesIn(DiscordPayloads.CHANNEL_ID)).hasSize(1);
  }
}
