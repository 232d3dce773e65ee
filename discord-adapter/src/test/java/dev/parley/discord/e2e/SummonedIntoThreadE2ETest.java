package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.BOT_ID;
import static dev.parley.discord.e2e.DiscordPayloads.CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parley mentioned where people have been talking, through JDA and the real engine against the
 * fake Discord: the messages before the mention are read with {@code GET /channels/{id}/messages}
 * and quoted, with their authors, in the prompt the fake Groq receives.
 */
class SummonedIntoThreadE2ETest {
  private static final ObjectNode BO = DiscordPayloads.user("1500000000000000021", "bo", false);
  private static final ObjectNode CI = DiscordPayloads.user("1500000000000000022", "ci", true);

  private static ObjectNode past(DiscordHarness harness, String channelId, ObjectNode author, String content) {
    ObjectNode message = DiscordPayloads.message(Snowflakes.now(), channelId, GUILD_ID, author, content);
    harness.discord.pastMessage(message);
    return message;
  }

  /** A thread someone else started, which the bot learns of as a client does (THREAD_CREATE). */
  private static String peoplesThread(DiscordHarness harness) {
    ObjectNode thread = DiscordPayloads.thread(Snowflakes.now(), CHANNEL_ID, DiscordPayloads.USER_ID, "deploy talk");
    harness.discord.addThread(thread);
    harness.discord.gateway().dispatch("THREAD_CREATE", thread.deepCopy().put("newly_created", true));
    return thread.get("id").asText();
  }

  private static List<String> contents(JsonNode request) {
    return request.path("messages").findValuesAsText("content");
  }

  @Test
  void aMentionInSomeoneElsesThreadIsAnsweredWithTheThreadQuotedByAuthor() throws InterruptedException {
    try (DiscordHarness harness = DiscordHarness.start()) {
      String threadId = peoplesThread(harness);
      past(harness, threadId, BO, "the deploy failed at step 3");
      past(harness, threadId, CI, "build 42: OOMKilled");

      harness.say(threadId, GUILD_ID, "<@" + BOT_ID + "> what do you think?", true);

      List<String> contents = contents(harness.awaitGroqRequestFor("what do you think?"));
      assertThat(contents).hasSize(3);
      assertThat(contents.get(1)).startsWith("Earlier messages in this thread")
          .contains("bo, ").contains("> the deploy failed at step 3")
          .contains("ci (a bot), ").contains("> build 42: OOMKilled")
          .containsSubsequence("the deploy failed", "OOMKilled");
      assertThat(harness.discord.calls()).filteredOn(c -> c.is("GET", "channels/" + threadId + "/messages")).hasSize(1);
      await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.botMessagesIn(threadId).stream()
          .anyMatch(m -> m.path("content").asText().equals("echo: what do you think?")));
    }
  }

  @Test
  void aMentionInAChannelQuotesTheChannelsRecentConversationButNotTheBotsOwnThreadLater() throws InterruptedException {
    try (DiscordHarness harness = DiscordHarness.start()) {
      past(harness, CHANNEL_ID, BO, "anyone seen the flaky login test?");

      ObjectNode question = harness.say(CHANNEL_ID, GUILD_ID, "<@" + BOT_ID + "> what do you think?", true);
      String threadId = question.get("id").asText();

      assertThat(contents(harness.awaitGroqRequestFor("what do you think?")).get(1))
          .contains("bo, ").contains("> anyone seen the flaky login test?");
      await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.botMessagesIn(threadId).stream()
          .anyMatch(m -> m.path("content").asText().equals("echo: what do you think?")));

      harness.say(threadId, GUILD_ID, "<@" + BOT_ID + "> and now?", true);
      List<String> followUp = contents(harness.awaitGroqRequestFor("and now?"));
      assertThat(followUp.stream().filter(c -> c.contains("flaky login"))).as("quoted once, from history").hasSize(1);
      assertThat(harness.discord.calls()).as("the bot's own thread is never read")
          .noneMatch(c -> c.is("GET", "channels/" + threadId + "/messages"));
    }
  }

  @Test
  void aRefusedHistoryStillGetsAnAnswer() throws InterruptedException {
    try (DiscordHarness harness = DiscordHarness.start()) {
      harness.discord.refuseHistory();
      past(harness, CHANNEL_ID, BO, "never quoted");

      ObjectNode question = harness.say(CHANNEL_ID, GUILD_ID, "<@" + BOT_ID + "> still there?", true);

      assertThat(contents(harness.awaitGroqRequestFor("still there?"))).hasSize(2);
      await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.botMessagesIn(question.get("id").asText())
          .stream().anyMatch(m -> m.path("content").asText().equals("echo: still there?")));
    }
  }
}
