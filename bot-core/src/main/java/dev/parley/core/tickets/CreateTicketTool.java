package dev.parley.core.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.tools.Tool;
import dev.parley.core.tools.ToolContext;

/**
 * {@code create_ticket(title, description, priority)}: opens a support ticket for the person who
 * asked, linked to the conversation. Keyed by the tool call id, so a retried round or a duplicate
 * event never opens a second ticket.
 */
public final class CreateTicketTool implements Tool {
  public static final String NAME = "create_ticket";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode SCHEMA = parse("""
      {"type":"object",
       "properties":{
         "title":{"type":"string","minLength":1,"maxLength":200,"description":"One line that names the problem"},
         "description":{"type":"string","minLength":1,"description":"What happened, what the user needs, and what was tried"},
         "priority":{"type":"string","enum":["low","normal","high","urgent"]}},
       "required":["title","description"],
       "additionalProperties":false}""");

  private final TicketStore store;

  public CreateTicketTool(TicketStore store) {
    this.store = store;
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
  public String execute(JsonNode arguments, ToolContext context) {
    NewTicket request = new NewTicket(
        arguments.path("title").asText(),
        arguments.path("description").asText(),
        arguments.hasNonNull("priority") ? arguments.get("priority").asText() : null,
        context.requesterId(),
        context.requesterName(),
        context.conversation(),
        context.permalink());
    Ticket ticket = store.create(request, context.toolCallId());
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
