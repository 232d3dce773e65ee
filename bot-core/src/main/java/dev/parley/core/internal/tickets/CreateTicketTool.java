package dev.parley.core.internal.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.tools.Tool;
import dev.parley.core.internal.tools.ToolContext;
import dev.parley.core.internal.tools.ToolRefusedException;
import java.util.Objects;

/**
 * {@code create_ticket(title, description, priority)}: opens a support ticket for the person who
 * asked, in the conversation's tenant, linked to the conversation. Keyed by the conversation, the
 * event and the tool call id together, so a retried round or a duplicate event never opens a
 * second ticket, while two conversations whose models both say {@code call_0} get one each.
 *
 * <p>Bounded by code, whatever the model asks for: at most {@code maxPerTurn} tickets per
 * answering turn (parallel calls of one round included) and the user's {@link TicketQuota daily
 * cap}. A call past either gets a tool error the model can explain.
 */
public final class CreateTicketTool implements Tool {
  public static final String NAME = "create_ticket";
  public static final int DEFAULT_MAX_PER_TURN = 3;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode SCHEMA = parse("""
      {"type":"object",
       "properties":{
         "title":{"type":"string","minLength":1,"maxLength":200,"description":"One line that names the problem"},
         "description":{"type":"string","minLength":1,"maxLength":8000,"description":"What happened, what the user needs, and what was tried"},
         "priority":{"type":"string","enum":["low","normal","high","urgent"]}},
       "required":["title","description"],
       "additionalProperties":false}""");

  private final TicketStore store;
  private final TicketQuota quota;
  private final int maxPerTurn;

  /** A tool with the default per-turn cap and no daily cap. */
  public CreateTicketTool(TicketStore store) {
    this(store, TicketQuota.UNLIMITED, DEFAULT_MAX_PER_TURN);
  }

  /** @param maxPerTurn tickets one answering turn may open, at least 1 */
  public CreateTicketTool(TicketStore store, TicketQuota quota, int maxPerTurn) {
    if (maxPerTurn < 1) throw new IllegalArgumentException("maxPerTurn must be at least 1");
    this.store = Objects.requireNonNull(store, "store");
    this.quota = Objects.requireNonNull(quota, "quota");
    this.maxPerTurn = maxPerTurn;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Open a support ticket for a human to follow up. Use it when the user asks for a person,"
        + " or when you cannot solve the problem. Returns the ticket id to tell the user.";
  }

  @Override
  public JsonNode parametersSchema() {
    return SCHEMA;
  }

  @Override
  public String execute(JsonNode arguments, ToolContext context) throws ToolRefusedException {
    NewTicket request;
    try {
      request = new NewTicket(
          arguments.path("title").asText(),
          arguments.path("description").asText(),
          arguments.hasNonNull("priority") ? arguments.get("priority").asText() : null,
          context.requesterId(),
          context.requesterName(),
          context.conversation(),
          context.permalink());
    } catch (IllegalArgumentException e) {
      // Arguments the schema lets through but a ticket does not take, such as a blank description.
      throw new ToolRefusedException("Not opened: " + e.getMessage() + ".");
    }
    if (!context.turn().tryUse(NAME, maxPerTurn)) {
      throw new ToolRefusedException("Not opened: at most " + maxPerTurn + " tickets can be opened per message."
          + " Tell the user which tickets were opened and that they can ask again for the rest.");
    }
    if (!quota.tryTake(context.conversation().tenantScope(), context.requesterId())) {
      throw new ToolRefusedException("Not opened: " + TicketQuota.overCapNotice(quota.dailyCap()));
    }
    Ticket ticket = store.create(request, context.idempotencyKey());
    return TicketJson.summary(ticket).toString();
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
