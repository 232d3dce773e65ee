package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.BOT_ID;
import static dev.parley.discord.e2e.DiscordPayloads.CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.DM_CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mentions start threads, threads and DMs carry their history. */
class ConversationE2ETest {
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
  void aMentionStartsAThreadAnsweredThereAndAFollowUpCarriesTheHistory() throws InterruptedException {
    ObjectNode question = harness.say(CHANNEL_ID, GUILD_ID, "<@" + BOT_ID + "> what is a snowflake?", true);
    String threadId = question.get("id").asText();

    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(threadId).equals("echo: what is a snowflake?"));
    JsonNode thread = harness.discord.thread(threadId);
    assertThat(thread.path("parent_id").asText()).isEqualTo(CHANNEL_ID);
    assertThat(harness.discord.calls()).anyMatch(
        c -> c.is("POST", "channels/" + CHANNEL_ID + "/messages/" + threadId + "/threads"));
    assertThat(harness.discord.botMessagesIn(CHANNEL_ID))
        .noneMatch(m -> m.path("content").asText().contains("what is a snowflake"));
    harness.awaitGroqRequestFor("what is a snowflake?");

    harness.say(threadId, GUILD_ID, "and who invented it?", false);
    JsonNode followUp = harness.awaitGroqRequestFor("and who invented it?");
    List<String> contents = contents(followUp);
    assertThat(contents).containsSubsequence("what is a snowflake?", "echo: what is a snowflake?",
        "and who invented it?");
    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(threadId).equals("echo: and who invented it?"));
  }

  @Test
  void aChannelMessageWithoutAMentionIsIgnored() throws InterruptedException {
    ObjectNode plain = harness.say(CHANNEL_ID, GUILD_ID, "just talking among humans", false);
    ObjectNode marker = harness.say(CHANNEL_ID, GUILD_ID, "<@" + BOT_ID + "> marker question", true);

    harness.awaitGroqRequestFor("marker question");
    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(marker.get("id").asText()).startsWith("echo"));
    assertThat(harness.discord.thread(plain.get("id").asText())).isNull();
    assertThat(harness.discord.calls()).noneMatch(c -> c.path().contains(plain.get("id").asText()));
  }

  @Test
  void aDmIsOneConversationForMessagesAndCommands() throws InterruptedException {
    harness.say(DM_CHANNEL_ID, null, "hello in private", false);
    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(DM_CHANNEL_ID).equals("echo: hello in private"));

    harness.say(DM_CHANNEL_ID, null, "still me", false);
    assertThat(contents(harness.awaitGroqRequestFor("still me"))).contains("hello in private");
    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(DM_CHANNEL_ID).equals("echo: still me"));

    ObjectNode ask = harness.ask("asked with a command", InteractionPayloads.Place.dm());
    assertThat(contents(harness.awaitGroqRequestFor("asked with a command")))
        .containsSubsequence("hello in private", "echo: still me", "asked with a command");
    harness.awaitOriginal(ask, "echo: asked with a command");
  }

  @Test
  void askInAChannelStartsAThreadFromTheAnswerAndAskInsideItContinuesTheConversation()
      throws InterruptedException {
    ObjectNode ask = harness.ask("first question", InteractionPayloads.Place.guildChannel());
    String answerId = harness.awaitOriginal(ask, "echo: first question");
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.thread(answerId) != null);
    assertThat(harness.discord.thread(answerId).path("owner_id").asText()).isEqualTo(BOT_ID);
    assertThat(harness.discord.thread(answerId).path("name").asText()).isEqualTo("first question");

    harness.say(answerId, GUILD_ID, "second question", false);
    assertThat(contents(harness.awaitGroqRequestFor("second question")))
        .containsSubsequence("first question", "echo: first question", "second question");
    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(answerId).equals("echo: second question"));

    ObjectNode inThread = harness.ask("third question",
        InteractionPayloads.Place.thread(harness.discord.thread(answerId)));
    assertThat(contents(harness.awaitGroqRequestFor("third question")))
        .containsSubsequence("first question", "second question", "echo: second question", "third question");
    harness.awaitOriginal(inThread, "echo: third question");
  }

  @Test
  void aPrivateAskIsEphemeralAndStartsNoThread() throws InterruptedException {
    ObjectNode ask = InteractionPayloads.slashCommand(Snowflakes.now(), "ask", InteractionPayloads.Place.guildChannel(),
        InteractionPayloads.stringOption("prompt", "a secret question"),
        InteractionPayloads.booleanOption("private", true));
    harness.discord.interact(ask);

    String answerId = harness.awaitOriginal(ask, "echo: a secret question");
    assertThat(harness.discord.callback(ask.get("id").asText()).path("data").path("flags").asInt() & 64).isEqualTo(64);
    assertThat(harness.discord.thread(answerId)).isNull();
  }

  private static String lastBotText(String channelId) {
    List<ObjectNode> messages = harness.discord.botMessagesIn(channelId);
    return messages.isEmpty() ? "" : messages.getLast().path("content").asText();
  }

  private static List<String> contents(JsonNode request) {
    return request.path("messages").findValuesAsText("content");
  }
}
