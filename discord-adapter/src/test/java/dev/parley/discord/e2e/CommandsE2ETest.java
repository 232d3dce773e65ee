package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.DM_CHANNEL_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.discord.e2e.InteractionPayloads.Place;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /reset}, {@code /model} with autocomplete, {@code /ticket}, and the Stop and Regenerate buttons. */
class CommandsE2ETest {
  private static DiscordHarness harness;

  @BeforeAll
  static void start() throws InterruptedException {
    harness = DiscordHarness.start();
    String models = IntStream.range(0, 30)
        .mapToObj(i -> "{\"id\":\"llama-test-" + i + "\",\"object\":\"model\",\"owned_by\":\"Meta\",\"active\":true}")
        .collect(Collectors.joining(","));
    harness.groq.modelsBody("{\"object\":\"list\",\"data\":[" + models
        + ",{\"id\":\"llama-3.3-70b-versatile\",\"object\":\"model\",\"owned_by\":\"Meta\",\"active\":true}"
        + ",{\"id\":\"openai/gpt-oss-120b\",\"object\":\"model\",\"owned_by\":\"OpenAI\",\"active\":true}]}");
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void resetForgetsTheDmConversation() throws InterruptedException {
    harness.say(DM_CHANNEL_ID, null, "my name is Ana", false);
    harness.awaitGroqRequestFor("my name is Ana");
    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(DM_CHANNEL_ID).equals("echo: my name is Ana"));

    JsonNode reply = command("reset", Place.dm());
    assertThat(reply.path("type").asInt()).isEqualTo(4);
    assertThat(reply.path("data").path("content").asText()).contains("Conversation cleared");

    harness.say(DM_CHANNEL_ID, null, "what is my name?", false);
    JsonNode request = harness.awaitGroqRequestFor("what is my name?");
    assertThat(request.path("messages").findValuesAsText("content")).doesNotContain("my name is Ana");
  }

  @Test
  void modelAutocompleteOffersAtMost25MatchingChoices() {
    ObjectNode interaction = InteractionPayloads.autocomplete(Snowflakes.now(), "model", Place.guildChannel(),
        "name", "llama");
    harness.discord.interact(interaction);
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.callback(interaction.get("id").asText()) != null);

    JsonNode callback = harness.discord.callback(interaction.get("id").asText());
    assertThat(callback.path("type").asInt()).isEqualTo(8);
    List<String> choices = callback.path("data").path("choices").findValuesAsText("value");
    assertThat(choices).hasSize(25).allSatisfy(choice -> assertThat(choice).contains("llama"));

    ObjectNode narrow =
        InteractionPayloads.autocomplete(Snowflakes.now(), "model", Place.guildChannel(), "name", "oss");
    harness.discord.interact(narrow);
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.callback(narrow.get("id").asText()) != null);
    assertThat(harness.discord.callback(narrow.get("id").asText()).path("data").path("choices")
        .findValuesAsText("value")).containsExactly("openai/gpt-oss-120b");
  }

  @Test
  void modelSwitchesTheConversationsModel() throws InterruptedException {
    JsonNode reply = command("model", Place.dm(), InteractionPayloads.stringOption("name", "openai/gpt-oss-120b"));
    assertThat(reply.path("data").path("content").asText()).contains("Switched");

    harness.say(DM_CHANNEL_ID, null, "which model are you?", false);
    assertThat(harness.awaitGroqRequestFor("which model are you?").path("model").asText())
        .isEqualTo("openai/gpt-oss-120b");

    JsonNode unknown = command("model", Place.dm(), InteractionPayloads.stringOption("name", "no-such-model"));
    assertThat(unknown.path("data").path("content").asText()).contains("There is no model");
    command("model", Place.dm(), InteractionPayloads.stringOption("name", "llama-3.3-70b-versatile"));
  }

  @Test
  void ticketOpensATicket() {
    JsonNode reply = command("ticket", Place.guildChannel(), InteractionPayloads.stringOption("title", "Login broken"),
        InteractionPayloads.stringOption("description", "The login page shows a 500 error."));

    assertThat(reply.path("type").asInt()).isEqualTo(4);
    assertThat(reply.path("data").path("content").asText())
        .matches("Ticket \\*\\*[A-Z]+-\\d+\\*\\* opened: Login broken");
  }

  @Test
  void stopCancelsTheAnswerAndKeepsItsTextThenRegenerateAsksAgain() {
    String answer = "word ".repeat(400).strip();
    harness.groq.enqueueAnswer(answer, 5, Duration.ofMillis(60));
    ObjectNode interaction = harness.ask("Write a lot", Place.guildChannel());
    String token = interaction.get("token").asText();
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.hook(token).originalId != null
        && original(token).path("content").asText().startsWith("word"));

    ObjectNode streaming = original(token).deepCopy();
    String stopId = streaming.findValue("custom_id").asText();
    assertThat(stopId).startsWith("parley:stop:");
    ObjectNode click = InteractionPayloads.button(Snowflakes.now(), stopId, Place.guildChannel(), streaming);
    harness.discord.interact(click);

    await().atMost(DiscordHarness.WAIT).until(() -> original(token).findValue("custom_id") != null
        && original(token).findValue("custom_id").asText().startsWith("parley:regen:"));
    assertThat(harness.discord.callback(click.get("id").asText()).path("type").asInt()).isEqualTo(6);
    String stopped = original(token).path("content").asText();
    assertThat(stopped).startsWith("word").contains("Stopped.");
    assertThat(stopped.length()).isLessThan(answer.length());

    ObjectNode regenerate = InteractionPayloads.button(Snowflakes.now(),
        original(token).findValue("custom_id").asText(), Place.guildChannel(), original(token).deepCopy());
    harness.discord.interact(regenerate);
    harness.awaitOriginal(regenerate, "echo: Write a lot");
  }

  @Test
  void everyCommandReplyPingsNobody() {
    List<JsonNode> replies = List.of(
        command("model", Place.dm()),
        command("model", Place.dm(), InteractionPayloads.stringOption("name", "@everyone <@&" + Snowflakes.now() + ">")),
        command("reset", Place.guildChannel()),
        command("ticket", Place.guildChannel(), InteractionPayloads.stringOption("title", "@everyone @here"),
            InteractionPayloads.stringOption("description", "ping <@&1234567890123>")));

    assertThat(replies).allSatisfy(reply -> {
      assertThat(reply.path("type").asInt()).isEqualTo(4);
      JsonNode mentions = reply.path("data").path("allowed_mentions");
      assertThat(mentions.isObject()).as("allowed_mentions in %s", reply).isTrue();
      assertThat(mentions.path("parse").isArray() && mentions.path("parse").isEmpty()).as("parse in %s", reply).isTrue();
      assertThat(mentions.path("roles").isEmpty()).isTrue();
    });
  }

  private static ObjectNode original(String token) {
    return harness.discord.message(harness.discord.hook(token).originalId);
  }

  private static JsonNode command(String name, Place place, ObjectNode... options) {
    ObjectNode interaction = InteractionPayloads.slashCommand(Snowflakes.now(), name, place, options);
    harness.discord.interact(interaction);
    String id = interaction.get("id").asText();
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.callback(id) != null);
    return harness.discord.callback(id);
  }

  private static String lastBotText(String channelId) {
    List<ObjectNode> messages = harness.discord.botMessagesIn(channelId);
    return messages.isEmpty() ? "" : messages.getLast().path("content").asText();
  }
}
