package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.NewTicket;
import dev.parley.core.internal.engine.ConversationEngineBuilder;
import dev.parley.core.internal.tickets.CreateTicketTool;
import dev.parley.core.internal.tickets.InMemoryTicketStore;
import dev.parley.core.internal.tickets.LookupTicketTool;
import dev.parley.core.internal.tools.ToolRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lookup tool through the real Bolt and the fake Slack: a workspace sees its own tickets, and
 * a Discord guild's ticket answers exactly like an id that never existed.
 */
class TicketTenancyTest extends SlackBotTestBase {
  private static final String CHANNEL = "C0GENERAL";
  private final InMemoryTicketStore tickets = new InMemoryTicketStore();

  @Override
  protected ConversationEngineBuilder engineBuilder() {
    return super.engineBuilder().tickets(tickets)
        .tools(new ToolRegistry(List.of(new CreateTicketTool(tickets), new LookupTicketTool(tickets))));
  }

  private static NewTicket ticket(String title, ConversationKey where) {
    return new NewTicket(title, "details", null, "U0SOMEONE", null, where, null);
  }

  /** Mentions the bot while the model calls {@code lookup_ticket(id)}; returns the tool result the model got. */
  private String lookUp(String id) throws InterruptedException {
    groq.enqueueToolCall("call_0", LookupTicketTool.NAME, "{\"id\":\"" + id + "\"}");
    groq.enqueueAnswer("Looked up " + id + ".");
    Sent sent = mention(CHANNEL, "what is the status of " + id + "?", null);
    assertThat(awaitAnswerText(CHANNEL, sent.ts())).contains("Looked up " + id + ".");
    nextGroqRequest();
    JsonNode messages = nextGroqRequest().path("messages");
    JsonNode last = messages.get(messages.size() - 1);
    assertThat(last.path("role").asText()).isEqualTo("tool");
    return last.path("content").asText();
  }

  @Test
  void aGuildsTicketLooksMissingFromTheWorkspaceWhileTheWorkspacesOwnIsFound() throws InterruptedException {
    ConversationKey guild = new ConversationKey("discord", "1200000000000000002", "1300000000000000003", "1400");
    tickets.create(ticket("Guild: payroll", guild), "a");
    tickets.create(ticket("Guild: VPN", guild), "b");
    tickets.create(ticket("Workspace: printer", new ConversationKey("slack", FakeSlack.TEAM, CHANNEL, "1.2")), "c");
    startBot();

    String guildOnly = lookUp("SUP-2");
    String neverExisted = lookUp("SUP-99");
    String own = lookUp("SUP-1");

    assertThat(guildOnly).isEqualTo(neverExisted.replace("SUP-99", "SUP-2")).doesNotContain("Guild");
    assertThat(own).contains("\"title\":\"Workspace: printer\"").doesNotContain("Guild");
  }
}
