package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.BOT_ID;
import static dev.parley.discord.e2e.DiscordPayloads.GUILD_ID;
import static dev.parley.discord.e2e.DiscordPayloads.NO_THREADS_CHANNEL_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A channel whose overwrite withholds Create Public Threads from the bot's role (granted
 * everywhere else, as the README asks): the user is told why there is no thread, and the answer
 * arrives anyway.
 */
class MissingPermissionE2ETest {
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
  void aMentionWhereThreadsAreNotAllowedIsAnsweredInTheChannelAfterANotice() throws InterruptedException {
    ObjectNode question = harness.say(NO_THREADS_CHANNEL_ID, GUILD_ID, "<@" + BOT_ID + "> where do I go?", true);
    String questionId = question.get("id").asText();

    harness.awaitGroqRequestFor("where do I go?");
    await().atMost(DiscordHarness.WAIT).until(() -> texts(questionId).contains("echo: where do I go?"));
    List<String> texts = texts(questionId);
    assertThat(texts.getFirst()).contains("Create Public Threads").contains("answer right here");
    assertThat(texts.getLast()).isEqualTo("echo: where do I go?");
    assertThat(harness.discord.thread(questionId)).isNull();
    assertThat(harness.discord.calls()).filteredOn(c -> c.is("POST", "channels/" + NO_THREADS_CHANNEL_ID + "/messages"))
        .first().satisfies(notice ->
            assertThat(notice.body().path("message_reference").path("message_id").asText()).isEqualTo(questionId));
  }

  @Test
  void anAskWhereThreadsAreNotAllowedIsStillAnswered() {
    ObjectNode channel = DiscordPayloads.noThreadsChannel();
    ObjectNode ask = harness.ask("ask without threads", new InteractionPayloads.Place(channel, true));

    String answerId = harness.awaitOriginal(ask, "echo: ask without threads");
    await().during(Duration.ofSeconds(1)).atMost(DiscordHarness.WAIT).until(() ->
        harness.discord.message(answerId).path("content").asText().equals("echo: ask without threads"));
    assertThat(harness.discord.contentHistory(answerId)).last().isEqualTo("echo: ask without threads");
    assertThat(harness.discord.thread(answerId)).isNull();
    assertThat(harness.discord.calls()).noneMatch(c -> c.path().endsWith("/threads"));
  }

  /** The bot's messages in the channel after {@code sinceId}, oldest first. */
  private static List<String> texts(String sinceId) {
    return harness.discord.botMessagesIn(NO_THREADS_CHANNEL_ID).stream()
        .filter(m -> Long.parseLong(m.get("id").asText()) > Long.parseLong(sinceId))
        .map(m -> m.path("content").asText()).toList();
  }
}
