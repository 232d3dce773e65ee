package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.tickets.CreateTicketTool;
import dev.parley.core.internal.tickets.InMemoryTicketStore;
import dev.parley.core.internal.tickets.LookupTicketTool;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.testing.corpus.CorpusCase;
import dev.parley.core.testing.corpus.CorpusChecks;
import dev.parley.core.testing.corpus.CorpusEngines;
import dev.parley.core.testing.corpus.CorpusTally;
import dev.parley.core.testing.corpus.CountingTickets;
import dev.parley.core.testing.corpus.HostileCorpus;
import dev.parley.core.testing.corpus.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus on Discord: the shared cases ({@code corpus/shared.jsonl}) and
 * Discord's own ({@code corpus/discord.jsonl}), through the real JDA client and the real engine,
 * against {@link FakeDiscord} and the fake Groq. One running bot takes every case; after each, it
 * must still answer a normal {@code /ask}, every message and edit must carry empty
 * {@code allowed_mentions}, no log line may hold a secret, and no other tenant's ticket may show.
 *
 * <p>Output cases run on both reply paths: {@code ask} (an interaction's webhook messages) and
 * {@code mention} (a thread started from the user's message, with ordinary channel messages).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordHostileCorpusTest {
  private static final List<String> SECRETS = List.of(FakeDiscord.TOKEN, "gsk_test_key");
  /** Generous: a long answer is many Discord messages, paced by the channel's rate limit. */
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Set<String> BOTH_PATHS = Set.of("mass_mention", "link_smuggling", "unicode");

  private final CorpusTally tally = new CorpusTally("discord");
  private final CountingTickets tickets = new CountingTickets(new InMemoryTicketStore());
  private DiscordHarness harness;
  private Ticket foreign;

  @BeforeAll
  void start() throws InterruptedException {
    harness = DiscordHarness.start(settings -> settings, builder -> CorpusEngines.withShortTurnDeadline(builder)
        .tools(new ToolRegistry(List.of(new CreateTicketTool(tickets.store()), new LookupTicketTool(tickets.store()))))
        .tickets(tickets.store()));
    foreign = tickets.store().create(new NewTicket(CorpusChecks.FOREIGN_TITLE, "Only the other tenant may read this.",
        null, "U0EVE", "eve", new ConversationKey("slack", "T0OTHER", "C0OTHER", "1767225600.000100"), null),
        "corpus:foreign");
  }

  @AfterAll
  void stop() {
    tally.print();
    if (harness != null) harness.close();
  }

  Stream<Arguments> cases() {
    return HostileCorpus.load(HostileCorpus.SHARED, "corpus/discord.jsonl").stream().flatMap(c ->
        BOTH_PATHS.contains(c.inputClass()) ? Stream.of(Arguments.of(c, "ask"), Arguments.of(c, "mention"))
            : Stream.of(Arguments.of(c, "ask")));
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("cases")
  void hostileInputIsContained(CorpusCase c, String path) {
    boolean passed = false;
    harness.groq.clearScripted();
    harness.groq.drainRequests();
    int callsBefore = harness.discord.calls().size();
    int modelCallsBefore = harness.groq.completionCalls();
    int ticketsBefore = tickets.created();
    try (LogCapture logs = LogCapture.attach()) {
      HostileCorpus.scriptModel(harness.groq, c);
      Reply reply = run(c, path, modelCallsBefore, ticketsBefore);
      List<RecordedCall> calls = harness.discord.calls();
      assertNothingPings(calls.subList(callsBefore, calls.size()));
      if (reply != null) CorpusChecks.assertContent(c, reply.shown());
      CorpusChecks.assertNoForeignData(harness.groq.drainRequests());
      harness.groq.clearScripted();
      assertStillAnswers();
      assertThat(logs.linesContaining(SECRETS)).as("log lines with a secret").isEmpty();
      passed = true;
    } finally {
      tally.record(c, passed);
      harness.groq.clearScripted();
    }
  }

  /** The messages of one answer, whichever path it took. */
  private interface Reply {
    List<ObjectNode> messages();

    default String shown() {
      return messages().stream().map(m -> m.path("content").asText()).collect(Collectors.joining());
    }

    /** Final: its last message offers Regenerate, which only a finished answer does. */
    default boolean finished() {
      List<ObjectNode> messages = messages();
      if (messages.isEmpty()) return false;
      JsonNode button = messages.getLast().findValue("custom_id");
      return button != null && button.asText().startsWith("parley:regen:");
    }
  }

  private Reply run(CorpusCase c, String path, int modelCallsBefore, int ticketsBefore) {
    if (c.kind().equals("discord_dispatch")) {
      JsonNode data = c.input().path("d");
      if (c.input().path("t").asText().equals("INTERACTION_CREATE") && data.has("token")) {
        harness.discord.interact((ObjectNode) data.deepCopy()); // the fake then knows its webhook
      } else {
        harness.discord.gateway().dispatch(c.input().path("t").asText(), data);
      }
      if (c.expect().equals("answered")) {
        // JDA reads a few wrong types leniently (a number as text); answering that is harmless.
        await().atMost(WAIT).until(() -> harness.groq.completionCalls() > modelCallsBefore);
        return null;
      }
      assertThat(c.expect()).isEqualTo("ignored");
      await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).until(() ->
          harness.groq.completionCalls() == modelCallsBefore);
      return null;
    }
    if (c.kind().equals("cross_tenant")) {
      harness.groq.enqueueToolCall("call_lookup", LookupTicketTool.NAME, "{\"id\":\"" + foreign.id() + "\"}");
      harness.groq.enqueueAnswer("I looked it up.");
    }
    String text = c.kind().equals("user_text") ? c.text("text") : "Please answer, case " + c.id();
    Reply reply = ask(text, path);
    expect(c, reply, modelCallsBefore, ticketsBefore);
    return reply;
  }

  private Reply ask(String text, String path) {
    if (path.equals("mention")) {
      ObjectNode message = harness.say(CHANNEL_ID, GUILD_ID, "<@" + DiscordPayloads.BOT_ID + "> " + text, true);
      String thread = message.get("id").asText();
      return () -> harness.discord.botMessagesIn(thread);
    }
    String token = harness.ask(text, InteractionPayloads.Place.guildChannel()).get("token").asText();
    return () -> {
      FakeDiscord.Hook hook = harness.discord.hook(token);
      List<ObjectNode> messages = new ArrayList<>();
      if (hook == null || hook.originalId == null) return messages;
      List<String> ids = new ArrayList<>();
      ids.add(hook.originalId);
      ids.addAll(hook.followUpIds);
      for (String id : ids) {
        ObjectNode message = harness.discord.message(id);
        if (message != null) messages.add(message);
      }
      return messages;
    };
  }

  private void expect(CorpusCase c, Reply reply, int modelCallsBefore, int ticketsBefore) {
    await().atMost(WAIT).until(reply::finished);
    switch (c.expect()) {
      case "answered", "no_leak", "ended" -> { }
      case "kept_with_notice" -> {
        String kept = c.input().path("kept").asText();
        assertThat(reply.shown()).contains(kept);
        assertThat(reply.shown().strip()).as("a notice after the kept text").isNotEqualTo(kept);
      }
      case "notice" -> {
        assertThat(harness.groq.completionCalls() - modelCallsBefore).as("model requests for a refused message")
            .isZero();
        assertThat(reply.shown()).isNotBlank();
      }
      case "bounded_tools" -> {
        assertThat(tickets.created() - ticketsBefore).as("tickets filed by one turn").isLessThanOrEqualTo(3);
        assertThat(harness.groq.completionCalls() - modelCallsBefore).as("model requests of one turn")
            .isLessThanOrEqualTo(7);
      }
      default -> throw new AssertionError("unknown expectation " + c.expect() + " in " + c.id());
    }
  }

  /** Every message, edit and interaction reply carried empty allowed_mentions: nobody is pinged. */
  private static void assertNothingPings(List<RecordedCall> calls) {
    for (RecordedCall call : calls) {
      JsonNode message;
      if (call.writesMessage()) {
        message = call.body();
      } else if (call.is("POST", "interactions/\\d+/[^/]+/callback") && call.body().path("data").has("content")) {
        message = call.body().path("data");
      } else {
        continue;
      }
      if (!message.has("content") && !message.has("components")) continue;
      CorpusChecks.assertWellFormed(call.path(), message.path("content").asText());
      JsonNode mentions = message.path("allowed_mentions");
      assertThat(mentions.isObject()).as("allowed_mentions on %s %s", call.method(), call.path()).isTrue();
      assertThat(mentions.path("parse").isArray() && mentions.path("parse").isEmpty())
          .as("parse on %s %s: %s", call.method(), call.path(), mentions).isTrue();
      assertThat(mentions.path("roles").isEmpty()).as("roles on %s", call.path()).isTrue();
      assertThat(mentions.path("users").isEmpty()).as("users on %s", call.path()).isTrue();
    }
  }

  /** The same running bot still answers an ordinary question. */
  private void assertStillAnswers() {
    String probe = "probe " + Snowflakes.now();
    harness.awaitOriginal(harness.ask(probe, InteractionPayloads.Place.guildChannel()), "echo: " + probe);
  }
}
