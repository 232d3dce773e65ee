package dev.parley.discord.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.discord.e2e.InteractionPayloads.Place;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gateway disconnects, Discord's rate-limit buckets, and the interaction token's lifetime. */
class GatewayAndLimitsE2ETest {
  private static DiscordHarness harness;

  @BeforeAll
  static void start() throws InterruptedException {
    harness = DiscordHarness.start();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @AfterEach
  void defaultLimits() {
    harness.discord.rateLimits().configure(5, 5000);
    harness.discord.rateLimits().rejectNext(0);
    harness.discord.rateLimits().retryAfterAsHttpDate(false);
  }

  @Test
  void afterADisconnectJdaResumesAndTheNextAskIsAnswered() throws InterruptedException {
    int identifies = harness.discord.gateway().identifies();
    harness.discord.gateway().drop();

    harness.discord.gateway().awaitFrame(6, DiscordHarness.WAIT);
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.gateway().resumes() > 0);
    assertThat(harness.discord.gateway().identifies()).isEqualTo(identifies);

    ObjectNode interaction = harness.ask("Are you back?", Place.guildChannel());
    harness.awaitOriginal(interaction, "echo: Are you back?");
  }

  @Test
  void anAnswerStreamingWhileTheGatewayDropsIsStillCompleted() {
    String answer = "This answer keeps streaming over REST while the gateway reconnects. ".repeat(3).strip();
    harness.groq.enqueueAnswer(answer, 6, Duration.ofMillis(60));
    int resumes = harness.discord.gateway().resumes();
    ObjectNode interaction = harness.ask("Keep going", Place.guildChannel());
    String token = interaction.get("token").asText();
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.hook(token).originalId != null
        && harness.discord.message(harness.discord.hook(token).originalId).path("content").asText().startsWith("This"));

    harness.discord.gateway().drop();
    harness.awaitOriginal(interaction, answer);
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.gateway().resumes() == resumes + 1);
  }

  @Test
  void underATightBucketTheHeadersPaceTheEditsAndNoTextIsLost() {
    harness.discord.rateLimits().configure(1, 3000);
    String answer = "Counting slowly: " + String.join(" ", IntStream.range(0, 120)
        .mapToObj(Integer::toString).toList()) + ". Done.";
    harness.groq.enqueueAnswer(answer, 4, Duration.ofMillis(40));
    ObjectNode interaction = harness.ask("Count for me", Place.guildChannel());
    String token = interaction.get("token").asText();

    String originalId = harness.awaitOriginal(interaction, answer);
    List<RecordedCall> writes = writesOf(token);
    assertThat(writes.stream().filter(c -> c.status() == 200).count()).isGreaterThanOrEqualTo(3);
    assertThat(writes.stream().filter(c -> c.status() == 429).count())
        .as("X-RateLimit-Remaining: 0 makes the bot wait instead of trying").isLessThanOrEqualTo(1);
    assertThat(harness.discord.contentHistory(originalId).getLast()).isEqualTo(answer);
    assertThat(harness.discord.interactionContents(token)).containsExactly(answer);
  }

  @Test
  void rateLimitedEditsAreRetriedAndNothingIsLost() {
    String answer = "Rejected edits must not lose a single word of this answer, " + "word ".repeat(40) + "end.";
    harness.groq.enqueueAnswer(answer, 4, Duration.ofMillis(60));
    harness.discord.rateLimits().rejectNext(3);
    ObjectNode interaction = harness.ask("Survive 429s", Place.guildChannel());
    String token = interaction.get("token").asText();

    String originalId = harness.awaitOriginal(interaction, answer);
    assertThat(writesOf(token)).filteredOn(c -> c.status() == 429).hasSize(3)
        .allSatisfy(c -> assertThat(c.method()).isEqualTo("PATCH"));
    assertThat(writesOf(token)).last().satisfies(c -> assertThat(c.status()).isEqualTo(200));
    assertThat(harness.discord.contentHistory(originalId).getLast()).isEqualTo(answer);
  }

  @Test
  void aRetryAfterGivenAsAnHttpDateIsWaitedOut() {
    String answer = "An edit refused until a date, as HTTP allows, is retried after that date and loses nothing.";
    harness.groq.enqueueAnswer(answer, 4, Duration.ofMillis(60));
    harness.discord.rateLimits().retryAfterAsHttpDate(true);
    harness.discord.rateLimits().rejectNext(1);
    ObjectNode interaction = harness.ask("Wait for the date", Place.guildChannel());
    String token = interaction.get("token").asText();

    String originalId = harness.awaitOriginal(interaction, answer);
    List<RecordedCall> writes = writesOf(token);
    RecordedCall refused = writes.stream().filter(c -> c.status() == 429).findFirst().orElseThrow();
    Instant date = harness.discord.rateLimits().datesSent().getFirst();
    assertThat(writes).filteredOn(c -> c.at().isAfter(refused.at()))
        .isNotEmpty().allSatisfy(c -> assertThat(c.at()).isAfterOrEqualTo(date));
    assertThat(harness.discord.contentHistory(originalId).getLast()).isEqualTo(answer);
  }

  private static List<RecordedCall> writesOf(String token) {
    return harness.discord.calls().stream().filter(c -> c.writesMessage() && c.path().contains(token)).toList();
  }

  @Test
  void anAnswerOutlivingTheInteractionTokenGoesOnThroughTheChannel() {
    String answer = "An answer that arrives when the token is about to expire.";
    harness.groq.enqueueAnswer(answer, 8, Duration.ofMillis(100));
    String oldId = Snowflakes.at(Instant.now().minus(Duration.ofMinutes(14)).minusSeconds(45));
    ObjectNode interaction = InteractionPayloads.slashCommand(oldId, "ask", Place.guildChannel(),
        InteractionPayloads.stringOption("prompt", "Slow question"));
    harness.discord.interact(interaction);

    String originalId = harness.awaitOriginal(interaction, answer);
    assertThat(harness.discord.calls()).anyMatch(c -> c.is("PATCH", "channels/\\d+/messages/" + originalId));
    assertThat(harness.discord.calls()).noneMatch(
        c -> c.is("PATCH", "webhooks/.+") && c.path().contains(interaction.get("token").asText()));
  }
}
