package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.BOT_ID;
import static dev.parley.discord.e2e.DiscordPayloads.BOT_ROLE_ID;
import static dev.parley.discord.e2e.DiscordPayloads.CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.GUILD_ID;
import static dev.parley.discord.e2e.DiscordPayloads.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.HandoffSettings;
import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.internal.handoff.EscalateToHumanTool;
import dev.parley.core.internal.handoff.HandoffDesk;
import dev.parley.core.internal.handoff.InMemoryHandoffStore;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.internal.tickets.InMemoryTicketStore;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.testing.TestEngines;
import dev.parley.discord.e2e.InteractionPayloads.Place;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Handoff to people through JDA against {@link FakeDiscord}: the handoff message allows exactly the
 * configured role ({@code allowed_mentions} is {@code {"parse":[],"roles":[id]}}), nothing the model
 * writes pings anyone, and the thread stays quiet until {@code @Parley resume}.
 */
class HandoffE2ETest {
  private static final String ON_CALL_ROLE = "1800000000000000042";
  private final AtomicReference<DiscordHarness> running = new AtomicReference<>();
  private DiscordHarness harness;

  @BeforeEach
  void start() throws InterruptedException {
    ChannelSettings settings = TestEngines.settings(false)
        .withHandoff(new HandoffSettings(ON_CALL_ROLE, Duration.ofHours(4)));
    InMemoryHistoryStore history = new InMemoryHistoryStore();
    InMemoryTicketStore tickets = new InMemoryTicketStore();
    HandoffDesk desk = new HandoffDesk(new InMemoryHandoffStore(), tickets, history, k -> settings,
        (conversation, text, group) -> running.get().bot.threadPoster().post(conversation, text, group),
        Clock.systemUTC());
    harness = DiscordHarness.start(builder -> builder.history(history).tickets(tickets).channelSettings(k -> settings)
        .tools(new ToolRegistry(List.of(new EscalateToHumanTool(desk)))).handoff(desk), AccessControl.open());
    running.set(harness);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private List<RecordedCall> messagePosts() {
    return harness.discord.calls().stream()
        .filter(c -> c.is("POST", "channels/\\d+/messages") || c.is("PATCH", "channels/\\d+/messages/\\d+")).toList();
  }

  private static boolean pingsTheOnCallRole(RecordedCall call) {
    return call.body().path("content").asText().startsWith("<@&" + ON_CALL_ROLE + ">");
  }

  @Test
  void aModelThatWritesEveryoneAndAnotherRolePingsOnlyTheConfiguredRoleThenTheThreadIsQuiet() {
    harness.groq.enqueueToolCall("call_1", EscalateToHumanTool.NAME, "{\"reason\":\"@everyone <@&" + BOT_ROLE_ID
        + "> <@" + USER_ID + "> look at this\"}");
    harness.groq.enqueueAnswer("Paging @everyone and <@&" + BOT_ROLE_ID + ">: a person will follow up.");

    ObjectNode question = harness.say(CHANNEL_ID, GUILD_ID, "<@" + BOT_ID + "> I need a human", true);
    String threadId = question.get("id").asText();

    // The handoff message is posted while the answer is being written, so the answer is not the last message.
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.botMessagesIn(threadId).stream()
        .anyMatch(m -> m.path("content").asText().startsWith("Paging") && !m.findValuesAsText("custom_id").isEmpty()));
    List<RecordedCall> handoffs = messagePosts().stream().filter(HandoffE2ETest::pingsTheOnCallRole).toList();
    assertThat(handoffs).singleElement().satisfies(call -> {
      assertThat(call.is("POST", "channels/" + threadId + "/messages")).isTrue();
      JsonNode allowed = call.body().path("allowed_mentions");
      assertThat(allowed.path("parse").isArray()).isTrue();
      assertThat(allowed.path("parse")).isEmpty();
      assertThat(allowed.path("roles")).hasSize(1);
      assertThat(allowed.path("roles").get(0).asText()).isEqualTo(ON_CALL_ROLE);
      assertThat(allowed.path("users")).isEmpty();
      assertThat(call.body().path("content").asText()).contains("@everyone <@&" + BOT_ROLE_ID + ">");
    });
    assertThat(messagePosts()).filteredOn(call -> !pingsTheOnCallRole(call)).allSatisfy(call -> {
      JsonNode allowed = call.body().path("allowed_mentions");
      assertThat(allowed.isObject()).as("every create and edit rules mentions explicitly").isTrue();
      assertThat(allowed.path("parse")).isEmpty();
      assertThat(allowed.path("roles")).isEmpty();
    });

    int answers = harness.groq.completionCalls();
    int shown = harness.discord.botMessagesIn(threadId).size();
    harness.say(threadId, GUILD_ID, "<@" + BOT_ID + "> hello? anyone?", true);
    ObjectNode marker = harness.say(CHANNEL_ID, GUILD_ID, "<@" + BOT_ID + "> a question elsewhere", true);
    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(marker.get("id").asText()).startsWith("echo:"));
    assertThat(harness.discord.botMessagesIn(threadId)).hasSize(shown);
    assertThat(harness.groq.completionCalls()).isEqualTo(answers + 1);

    harness.say(threadId, GUILD_ID, "<@" + BOT_ID + "> resume", true);
    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(threadId).contains("I'm back"));
    harness.say(threadId, GUILD_ID, "<@" + BOT_ID + "> one more question", true);
    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(threadId).equals("echo: one more question"));
  }

  @Test
  void theTalkToAPersonButtonHandsOffOnceAndTellsOnlyTheClicker() {
    ObjectNode question = harness.say(CHANNEL_ID, GUILD_ID, "<@" + BOT_ID + "> my deploy is stuck", true);
    String threadId = question.get("id").asText();
    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(threadId).equals("echo: my deploy is stuck")
        && !DiscordHarness.isStreaming(harness.discord.botMessagesIn(threadId).getLast()));
    JsonNode answer = harness.discord.botMessagesIn(threadId).getLast();
    String handoffId = answer.findValuesAsText("custom_id").stream().filter(id -> id.startsWith("parley:human:"))
        .findFirst().orElseThrow();

    for (int press = 0; press < 2; press++) {
      harness.discord.interact(InteractionPayloads.button(Snowflakes.now(), handoffId,
          Place.thread(harness.discord.thread(threadId)), answer));
    }

    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.calls().stream()
        .filter(c -> c.is("POST", "webhooks/\\d+/[^/]+")).count() == 2);
    assertThat(messagePosts()).filteredOn(HandoffE2ETest::pingsTheOnCallRole).singleElement()
        .satisfies(call -> assertThat(call.body().path("content").asText())
            .contains("asked to talk to a person. Ticket SUP-1 has the conversation so far."));
  }

  private String lastBotText(String channelId) {
    List<ObjectNode> messages = harness.discord.botMessagesIn(channelId);
    return messages.isEmpty() ? "" : messages.getLast().path("content").asText();
  }
}
