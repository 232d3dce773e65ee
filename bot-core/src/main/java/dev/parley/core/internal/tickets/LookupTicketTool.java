package dev.parley.core.internal.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.internal.tools.Tool;
import dev.parley.core.internal.tools.ToolContext;

/**
 * {@code lookup_ticket(id)}: reports a ticket's title, status and priority. It sees only the
 * tickets of the asking conversation's tenant; an id of another tenant gets the very answer an id
 * that does not exist gets, so the tool is no oracle for other tenants' tickets.
 */
public final class LookupTicketTool implements Tool {
  public static final String NAME = "lookup_ticket";
  private static final JsonNode SCHEMA = CreateTicketTool.parse("""
      {"type":"object",
       "properties":{"id":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9]*-[0-9]+$","description":"A ticket id such as SUP-42"}},
       "required":["id"],
       "additionalProperties":false}""");

  private final TicketStore store;

  public LookupTicketTool(TicketStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Look up a support ticket by its id, such as SUP-42, to report its status.";
  }

  @Override
  public JsonNode parametersSchema() {
    return SCHEMA;
  }

  @Override
  public String execute(JsonNode arguments, ToolContext context) {
    String id = arguments.path("id").asText();
    return store.find(context.conversation().tenantScope(), id)
        .map(ticket -> TicketJson.summary(ticket).toString())
        .orElseGet(() -> "{\"error\":\"no ticket " + id.replace("\"", "") + " exists\"}");
  }
}
