package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.RequestLimit;
import dev.parley.core.api.TicketOutcome;
import dev.parley.core.internal.redis.RedisTicketQuota;
import dev.parley.core.internal.redis.RedisTicketStore;
import dev.parley.core.internal.redis.TestRedis;
import dev.parley.core.internal.tickets.CreateTicketTool;
import dev.parley.core.internal.tickets.InMemoryTicketQuota;
import dev.parley.core.internal.tickets.InMemoryTicketStore;
import dev.parley.core.internal.tickets.LookupTicketTool;
import dev.parley.core.internal.tickets.TicketIds;
import dev.parley.core.internal.tickets.TicketQuota;
import dev.parley.core.internal.tickets.TicketStore;
import dev.parley.core.internal.tools.ToolContext;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.internal.tools.TurnUsage;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tickets and tenants through the real engine, the real Groq client and a fake Groq that scripts
 * the model's tool calls, against the in-memory and the Redis stores alike.
 */
class TenantTicketsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DAILY_CAP = 4;

  private final ConversationKey slackThread = new ConversationKey("slack", "T0SLACK", "C1", "111.22");
  private final ConversationKey otherSlackThread = new ConversationKey("slack", "T0SLACK", "C2", "333.44");
  private final ConversationKey guildThread = new ConversationKey("discord", "G0GUILD", "C1", "111.22");
  private final FakeGroq groq = FakeGroq.start();
  private final List<AutoCloseable> closers = new ArrayList<>();
  private TicketStore tickets;
  private ConversationEngine engine;

  @AfterEach
  void stop() throws Exception {
    if (engine != null) engine.close();
    groq.close();
    for (AutoCloseable closer : closers) closer.close();
  }

  private void start(String stores, RequestLimit userLimit) {
    ChannelSettings base = TestEngines.settings(false);
    ChannelSettings settings = new ChannelSettings(base.systemPrompt(), base.model(), List.of(), false,
        base.enabledTools(), userLimit, RequestLimit.UNLIMITED, base.replyCadence());
    ConversationEngineBuilder builder;
    TicketQuota quota;
    if (stores.equals("redis")) {
      TestRedis redis = new TestRedis();
      closers.add(redis);
      tickets = new RedisTicketStore(redis.client(), redis.prefix(), TicketIds.DEFAULT);
      quota = new RedisTicketQuota(redis.client(), redis.prefix(), DAILY_CAP, Clock.systemUTC());
      builder = TestEngines.redisBuilder(groq.baseUrl(), redis.client(), redis.prefix());
    } else {
      tickets = new InMemoryTicketStore();
      quota = new InMemoryTicketQuota(DAILY_CAP, Clock.systemUTC());
      builder = TestEngines.inMemoryBuilder(groq.baseUrl());
    }
    engine = builder.tickets(tickets).ticketQuota(quota).channelSettings(key -> settings)
        .limiter(new InMemoryRequestLimiter(RequestLimits.from(key -> settings)))
        .tools(new ToolRegistry(List.of(new CreateTicketTool(tickets, quota, 3), new LookupTicketTool(tickets))))
        .build();
  }

  private String ask(ConversationKey where, String eventId, String text) throws InterruptedException {
    RecordingReplySink sink = new RecordingReplySink();
    engine.submit(new IncomingMessage(eventId, where, "U1", "Ada", text, null, Instant.now()), () -> sink);
    assertThat(sink.awaitEnd(WAIT)).as("the reply ends").isTrue();
    return sink.finalText();
  }

  /** The tool results of this turn (after the last user message) in the request that followed a tool round. */
  private List<String> toolResultsOfNextRequest() throws InterruptedException {
    groq.takeRequest(WAIT);
    JsonNode messages = groq.takeRequest(WAIT).get("messages");
    List<String> results = new ArrayList<>();
    for (JsonNode message : messages) {
      if (message.get("role").asText().equals("user")) results.clear();
      if (message.get("role").asText().equals("tool")) results.add(message.get("content").asText());
    }
    return results;
  }

  private String lookUp(ConversationKey where, String id) throws InterruptedException {
    groq.enqueueToolCall("call_0", LookupTicketTool.NAME, "{\"id\":\"" + id + "\"}");
    groq.enqueueAnswer("Here is what I found.");
    ask(where, UUID.randomUUID().toString(), "what about " + id + "?");
    List<String> results = toolResultsOfNextRequest();
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private void openTicket(ConversationKey where, String eventId, String callId, String title) throws InterruptedException {
    groq.enqueueToolCall(callId, CreateTicketTool.NAME, "{\"title\":\"" + title + "\",\"description\":\"Please help\"}");
    groq.enqueueAnswer("Opened.");
    assertThat(ask(where, eventId, "open a ticket")).isEqualTo("Opened.");
    assertThat(toolResultsOfNextRequest()).singleElement().asString().contains("\"id\":\"SUP-");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void aTicketOfASlackWorkspaceLooksMissingToADiscordGuildAndIsReadByItsWorkspace(String stores) throws Exception {
    start(stores, RequestLimit.UNLIMITED);
    String beforeAnyTicket = lookUp(guildThread, "SUP-1");

    openTicket(slackThread, "Ev1", "call_0", "Payroll export fails");

    assertThat(lookUp(guildThread, "SUP-1")).isEqualTo(beforeAnyTicket).doesNotContain("Payroll");
    assertThat(lookUp(guildThread, "sup-1")).isEqualTo(beforeAnyTicket.replace("SUP-1", "sup-1"));
    assertThat(lookUp(otherSlackThread, "SUP-1")).contains("\"title\":\"Payroll export fails\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void twoConversationsWhoseModelsBothSayCall0GetTwoTickets(String stores) throws Exception {
    start(stores, RequestLimit.UNLIMITED);

    openTicket(slackThread, "Ev1", "call_0", "First");
    openTicket(otherSlackThread, "Ev2", "call_0", "Second");

    assertThat(tickets.find("slack:T0SLACK", "SUP-1")).get().extracting(t -> t.title()).isEqualTo("First");
    assertThat(tickets.find("slack:T0SLACK", "SUP-2")).get().extracting(t -> t.title()).isEqualTo("Second");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void theSameEventAndCallReplayedOpenOneTicketWhileAnotherEventOpensAnother(String stores) throws Exception {
    start(stores, RequestLimit.UNLIMITED);
    CreateTicketTool tool = new CreateTicketTool(tickets);
    JsonNode args = JSON.readTree("{\"title\":\"Once\",\"description\":\"only once\"}");

    String first = tool.execute(args, new ToolContext("call_0", "Ev1", "U1", "Ada", slackThread, null, new TurnUsage()));
    String replay = tool.execute(args, new ToolContext("call_0", "Ev1", "U1", "Ada", slackThread, null, new TurnUsage()));
    String nextMessage = tool.execute(args, new ToolContext("call_0", "Ev2", "U1", "Ada", slackThread, null, new TurnUsage()));

    assertThat(replay).isEqualTo(first).contains("SUP-1");
    assertThat(nextMessage).contains("SUP-2");
    assertThat(tickets.find("slack:T0SLACK", "SUP-3")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void aBlankDescriptionIsAToolErrorAndUsesNoneOfTheTurnsTickets(String stores) throws Exception {
    start(stores, RequestLimit.UNLIMITED);
    CreateTicketTool tool = new CreateTicketTool(tickets, TicketQuota.UNLIMITED, 1);
    TurnUsage turn = new TurnUsage();
    JsonNode blank = JSON.readTree("{\"title\":\"Blank\",\"description\":\"   \"}");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tool.execute(blank,
            new ToolContext("call_0", "Ev1", "U1", "Ada", slackThread, null, turn)))
        .isInstanceOf(dev.parley.core.internal.tools.ToolRefusedException.class).hasMessageContaining("description");
    assertThat(tool.execute(JSON.readTree("{\"title\":\"Fine\",\"description\":\"ok\"}"),
        new ToolContext("call_1", "Ev1", "U1", "Ada", slackThread, null, turn))).contains("SUP-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void twelveCreateTicketCallsInOneRoundOpenThreeAndTheRestGetToolErrors(String stores) throws Exception {
    start(stores, RequestLimit.UNLIMITED);
    List<String[]> flood = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      flood.add(new String[] {"call_" + i, CreateTicketTool.NAME, "{\"title\":\"Spam " + i + "\",\"description\":\"x\"}"});
    }
    groq.enqueue(FakeGroq.sse(FakeGroq.toolCallEvents(flood), Duration.ZERO));
    groq.enqueueToolCall("call_12", CreateTicketTool.NAME, "{\"title\":\"One more round\",\"description\":\"x\"}");
    groq.enqueueAnswer("I opened three tickets.");

    assertThat(ask(slackThread, "EvFlood", "file twelve tickets")).isEqualTo("I opened three tickets.");

    List<String> firstRound = toolResultsOfNextRequest();
    assertThat(firstRound).hasSize(12);
    assertThat(firstRound).filteredOn(r -> r.contains("\"id\":\"SUP-")).hasSize(3);
    assertThat(firstRound).filteredOn(r -> r.startsWith("{\"error\"")).hasSize(9)
        .allSatisfy(r -> assertThat(r).contains("at most 3 tickets"));
    JsonNode third = groq.takeRequest(WAIT).get("messages");
    assertThat(third.get(third.size() - 1).get("content").asText()).contains("at most 3 tickets");
    assertThat(tickets.find("slack:T0SLACK", "SUP-3")).isPresent();
    assertThat(tickets.find("slack:T0SLACK", "SUP-4")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void theDailyCapStopsTheToolAcrossTurns(String stores) throws Exception {
    start(stores, RequestLimit.UNLIMITED);
    for (int i = 1; i <= DAILY_CAP; i++) openTicket(slackThread, "Ev" + i, "call_0", "Ticket " + i);

    groq.enqueueToolCall("call_0", CreateTicketTool.NAME, "{\"title\":\"Over\",\"description\":\"x\"}");
    groq.enqueueAnswer("You reached the cap.");
    ask(slackThread, "EvOver", "one more");

    assertThat(toolResultsOfNextRequest()).singleElement().asString()
        .startsWith("{\"error\"").contains("limit of " + DAILY_CAP + " tickets per day");
    assertThat(tickets.find("slack:T0SLACK", "SUP-" + (DAILY_CAP + 1))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void aDirectTicketCommandCountsAgainstTheRequestLimitAndTheDailyCap(String stores) {
    start(stores, new RequestLimit(DAILY_CAP + 1, Duration.ofHours(1)));
    NewTicket ticket = new NewTicket("Printer", "Broken", null, "U1", "Ada", guildThread, null);

    for (int i = 1; i <= DAILY_CAP; i++) {
      assertThat(engine.core().tickets().createTicket(ticket, "I" + i).ticket().id()).isEqualTo("SUP-" + i);
    }
    TicketOutcome overCap = engine.core().tickets().createTicket(ticket, "I-over-cap");
    TicketOutcome overLimit = engine.core().tickets().createTicket(ticket, "I-over-limit");

    assertThat(overCap.isOpened()).isFalse();
    assertThat(overCap.notice()).contains("limit of " + DAILY_CAP + " tickets per day");
    assertThat(overLimit.isOpened()).isFalse();
    assertThat(overLimit.notice()).contains("request limit");
    assertThat(tickets.find("discord:G0GUILD", "SUP-" + (DAILY_CAP + 1))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void aDirectTicketCommandDeliveredTwiceOpensOneTicket(String stores) {
    start(stores, RequestLimit.UNLIMITED);
    NewTicket ticket = new NewTicket("Printer", "Broken", null, "U1", "Ada", guildThread, null);

    TicketOutcome first = engine.core().tickets().createTicket(ticket, "I1");
    TicketOutcome again = engine.core().tickets().createTicket(ticket, "I1");

    assertThat(again.ticket()).isEqualTo(first.ticket());
    assertThat(tickets.find("discord:G0GUILD", "SUP-2")).isEmpty();
  }
}
