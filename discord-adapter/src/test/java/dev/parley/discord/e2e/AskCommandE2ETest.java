package dev.parley.discord.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.reply.MessageSplitter;
import dev.parley.core.testing.FakeGroq;
import dev.parley.discord.Answers;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import mockwebserver3.MockResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import okhttp3.HttpUrl;
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
  void connectsUncompressedWithTheFewestIntentsAndRegistersTheCommandsOnce() {
    JsonNode identify = harness.discord.gateway().identifyPayload();
    long ours = GatewayIntent.getRaw(EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES,
        GatewayIntent.MESSAGE_CONTENT));
    long guilds = 1; // GUILDS, which JDA always sends for its base cache
    assertThat(identify.path("intents").asLong()).isEqualTo(ours | guilds);
    HttpUrl connect = harness.discord.gatewayConnects().getFirst();
    assertThat(connect.queryParameter("encoding")).isEqualTo("json");
    assertThat(connect.queryParameter("v")).isEqualTo("10");
    assertThat(connect.queryParameter("compress")).as("no zlib-stream with a custom gateway").isNull();
    List<RecordedCall> registrations = harness.discord.calls().stream()
        .filter(c -> c.is("PUT", "applications/\\d+/guilds/\\d+/commands")).toList();
    assertThat(registrations).hasSize(1);
    JsonNode commands = registrations.getFirst().body();
    assertThat(commands.findValuesAsText("name")).contains("ask", "prompt", "private", "reset", "model", "ticket",
        "title", "description");
    JsonNode model = java.util.stream.StreamSupport.stream(commands.spliterator(), false)
        .filter(c -> c.path("name").asText().equals("model")).findFirst().orElseThrow();
    assertThat(model.path("options").get(0).path("autocomplete").asBoolean()).isTrue();
    assertThat(commands.size()).isEqualTo(4);
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
    assertThat(harness.discord.interactionContents(interaction.get("token").asText())).hasSize(1);
  }

  @Test
  void aLongAnswerWithCodeAcrossTheBoundaryGoesOnInFollowUpsAndNothingIsLost() {
    String answer = Answers.longWithCode();
    harness.groq.enqueueAnswer(answer, 250, Duration.ofMillis(40));
    ObjectNode interaction = harness.ask("Show me a long example", InteractionPayloads.Place.guildChannel());
    String token = interaction.get("token").asText();

    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.hook(token).originalId != null
        && harness.discord.interactionContents(token).size() == 3
        && harness.discord.interactionContents(token).getLast().endsWith(answer.substring(answer.length() - 40)));
    List<String> messages = harness.discord.interactionContents(token);

    assertThat(messages).allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(2000));
    assertThat(messages.get(0)).endsWith("\n```");
    assertThat(messages.get(1)).startsWith("```java\n");
    // Discord (and JDA) trim each message, so only whitespace at the two boundaries may differ.
    assertThat(messages).isEqualTo(new MessageSplitter(2000).split(answer).stream().map(p -> p.text().strip()).toList());
    String rejoined = messages.get(0).substring(0, messages.get(0).length() - 3)
        + messages.get(1).substring("```java\n".length()) + messages.get(2);
    assertThat(rejoined.replaceAll("\\s+", "")).isEqualTo(answer.replaceAll("\\s+", ""));
    assertThat(rejoined.length()).isBetween(answer.length() - 4, answer.length());
    assertThat(harness.discord.calls()).filteredOn(c -> c.is("POST", "webhooks/\\d+/" + token)).hasSize(2);
  }

  @Test
  void mentionsInTheAnswerPingNobodyOnCreatesAndEdits() {
    String answer = "Sure, @everyone and @here should know, and so should <@&1700000000000000007> and <@"
        + DiscordPayloads.USER_ID + ">.";
    harness.groq.enqueueAnswer(answer, 10, Duration.ofMillis(100));
    ObjectNode interaction = harness.ask("Tell everyone", InteractionPayloads.Place.guildChannel());
    String token = interaction.get("token").asText();
    harness.awaitOriginal(interaction, answer);

    harness.groq.enqueueAnswer(answer, 10, Duration.ofMillis(100));
    ObjectNode question = harness.say(DiscordPayloads.CHANNEL_ID, DiscordPayloads.GUILD_ID,
        "<@" + DiscordPayloads.BOT_ID + "> tell everyone in a thread", true);
    String threadId = question.get("id").asText();
    await().atMost(DiscordHarness.WAIT).until(() -> !harness.discord.botMessagesIn(threadId).isEmpty()
        && harness.discord.botMessagesIn(threadId).getLast().path("content").asText().equals(answer));

    List<RecordedCall> writes = harness.discord.calls().stream()
        .filter(c -> c.writesMessage() && (c.path().contains(token) || c.path().startsWith("channels/" + threadId)))
        .toList();
    assertThat(writes).anyMatch(c -> c.is("POST", "channels/" + threadId + "/messages"))
        .anyMatch(c -> c.is("PATCH", "channels/" + threadId + "/messages/\\d+"))
        .anyMatch(c -> c.is("PATCH", "webhooks/.+"));
    assertThat(writes).allSatisfy(call -> {
      JsonNode mentions = call.body().path("allowed_mentions");
      assertThat(mentions.isObject()).as("allowed_mentions on %s %s", call.method(), call.path()).isTrue();
      assertThat(mentions.path("parse")).isEmpty();
      assertThat(mentions.path("roles")).isEmpty();
      assertThat(mentions.path("users")).isEmpty();
    });
  }

  @Test
  void aCutStreamKeepsItsTextAndSaysItWasCutOff() {
    harness.groq.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
        .body(String.join("", FakeGroq.answerEvents("Hello world, this is", 5).subList(0, 4).stream()
            .map(event -> "data: " + event + "\n\n").toList()))
        .build());
    ObjectNode interaction = harness.ask("Say hello", InteractionPayloads.Place.guildChannel());
    String token = interaction.get("token").asText();

    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.hook(token).originalId != null
        && harness.discord.message(harness.discord.hook(token).originalId).path("content").asText()
            .contains("cut off"));
    String shown = harness.discord.message(harness.discord.hook(token).originalId).path("content").asText();
    assertThat(shown).startsWith("Hello world, th\n\n").contains("The answer was cut off");
  }
}
