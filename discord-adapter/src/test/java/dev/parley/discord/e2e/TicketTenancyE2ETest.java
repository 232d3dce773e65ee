package dev.parley.discord.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.NewTicket;
import dev.parley.core.internal.tickets.CreateTicketTool;
import dev.parley.core.internal.tickets.InMemoryTicketQuota;
import dev.parley.core.internal.tickets.InMemoryTicketStore;
import dev.parley.core.internal.tickets.LookupTicketTool;
import dev.parley.core.internal.tickets.TicketQuota;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.discord.e2e.InteractionPayloads.Place;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tickets stay in their tenant, through the real JDA and the fake Discord: a ticket opened with
 * {@code /ticket} in the guild, or filed from a Slack workspace, is invisible to the lookup tool
 * in the user's DM (the user's own tenant), and {@code /ticket} is refused past the daily cap.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TicketTenancyE2ETest {
  private static final int DAILY_CAP = 2;
  private static final InMemoryTicketStore tickets = new InMemoryTicketStore();
  private static DiscordHarness harness;

  @BeforeAll
  static void start() throws InterruptedException {
    var quota = new InMemoryTicketQuota(DAILY_CAP, Clock.systemUTC());
    harness = DiscordHarness.start(UnaryOperator.identity(), builder -> builder.tickets(tickets).ticketQuota(quota)
        .tools(new ToolRegistry(List.of(new CreateTicketTool(tickets, quota, 3), new LookupTicketTool(tickets)))));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  @Order(1)
  void theLookupToolSeesTheGuildsTicketInTheGuildAndNothingInTheDm() throws InterruptedException {
    String neverFiled = lookUpThroughTheModel(Place.dm(), "SUP-1", "SUP-1 before any ticket?");
    JsonNode opened = command("ticket", Place.guildChannel(), InteractionPayloads.stringOption("title", "Login broken"),
        InteractionPayloads.stringOption("description", "The login page shows a 500 error."));
    assertThat(opened.path("data").path("content").asText()).isEqualTo("Ticket **SUP-1** opened: Login broken");
    tickets.create(new NewTicket("Payroll export fails", "Slack side", "high", "U7", "Grace",
        new ConversationKey("slack", "T0SLACK", "C1", "111.22"), null), "seed");

    String fromTheDm = lookUpThroughTheModel(Place.dm(), "SUP-1", "SUP-1 from my DM?");
    String fromTheGuild = lookUpThroughTheModel(Place.guildChannel(), "SUP-1", "SUP-1 from the guild?");

    assertThat(fromTheDm).isEqualTo(neverFiled).doesNotContain("Login").doesNotContain("Payroll");
    assertThat(fromTheGuild).contains("\"title\":\"Login broken\"").doesNotContain("Payroll");
  }

  @Test
  @Order(2)
  void ticketIsRefusedPrivatelyPastTheDailyCapOfTheUserInEachTenant() {
    List<String> inTheDm = new java.util.ArrayList<>();
    for (int i = 0; i <= DAILY_CAP; i++) inTheDm.add(ticket(Place.dm(), "Printer " + i).path("data").path("content").asText());
    // The guild's ticket of the first test counts in the guild only.
    JsonNode secondInTheGuild = ticket(Place.guildChannel(), "One more");
    JsonNode overCap = ticket(Place.guildChannel(), "Too many");

    assertThat(inTheDm).containsExactly("Ticket **SUP-1** opened: Printer 0", "Ticket **SUP-2** opened: Printer 1",
        TicketQuota.overCapNotice(DAILY_CAP));
    assertThat(secondInTheGuild.path("data").path("content").asText()).isEqualTo("Ticket **SUP-2** opened: One more");
    assertThat(overCap.path("data").path("content").asText()).contains("limit of " + DAILY_CAP + " tickets per day");
    assertThat(overCap.path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
  }

  private static JsonNode ticket(Place place, String title) {
    return command("ticket", place, InteractionPayloads.stringOption("title", title),
        InteractionPayloads.stringOption("description", "Out of toner."));
  }

  /** Asks with {@code /ask} while the model calls {@code lookup_ticket(id)}; returns the tool result it got. */
  private static String lookUpThroughTheModel(Place place, String id, String prompt) throws InterruptedException {
    harness.groq.enqueueToolCall("call_0", LookupTicketTool.NAME, "{\"id\":\"" + id + "\"}");
    harness.groq.enqueueAnswer("Looked it up.");
    ObjectNode ask = harness.ask(prompt, place);
    harness.awaitGroqRequestFor(prompt);
    JsonNode afterTool = harness.groq.takeRequest(DiscordHarness.WAIT);
    harness.awaitOriginal(ask, "Looked it up.");
    JsonNode messages = afterTool.path("messages");
    JsonNode last = messages.get(messages.size() - 1);
    assertThat(last.path("role").asText()).isEqualTo("tool");
    return last.path("content").asText();
  }

  private static JsonNode command(String name, Place place, ObjectNode... options) {
    ObjectNode interaction = InteractionPayloads.slashCommand(Snowflakes.now(), name, place, options);
    harness.discord.interact(interaction);
    String id = interaction.get("id").asText();
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.callback(id) != null);
    return harness.discord.callback(id);
  }
}
