package dev.parley.core.internal.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.internal.tools.Tool;
import dev.parley.core.internal.tools.ToolContext;
import dev.parley.core.internal.tools.ToolRefusedException;

/**
 * {@code lookup_ticket(id)}: reports a ticket's title, status, assignee and link, read live from
 * the tracker that holds it (GitHub, Jira, a webhook helpdesk) or from Parley's own store. It sees
 * only the tickets Parley recorded for the asking conversation's tenant, by Parley's id or the
 * tracker's; an id of another tenant gets the very answer an id that does not exist gets, so the
 * tool is no oracle for other tenants' tickets. A tracker that cannot be read is a tool error.
 */
public final class LookupTicketTool implements Tool {
  public static final String NAME = "lookup_ticket";
  private static final JsonNode SCHEMA = CreateTicketTool.parse("""
      {"type":"object",
       "properties":{"id":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9]*-[0-9]+$","description":"A ticket id such as SUP-42, or the tracker's own id such as a Jira key"}},
       "required":["id"],
       "additionalProperties":false}""");

  private final TicketViews views;

  /** Reads live state when {@code store} is also {@link TicketViews} (a tracked store), else the recorded state. */
  public LookupTicketTool(TicketStore store) {
    this.views = store instanceof TicketViews tracked ? tracked : TicketViews.recorded(store);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Look up a support ticket by its id, such as SUP-42, to report its live status, assignee and link.";
  }

  @Override
  public JsonNode parametersSchema() {
    return SCHEMA;
  }

  @Override
  public String execute(JsonNode arguments, ToolContext context) throws ToolRefusedException {
    String id = arguments.path("id").asText();
    try {
      return views.lookup(context.conversation().tenantScope(), id)
          .map(view -> TicketJson.view(view).toString())
          .orElseGet(() -> "{\"error\":\"no ticket " + id.replace("\"", "") + " exists\"}");
    } catch (TicketBackendException e) {
      throw new ToolRefusedException("Could not read " + id + ": " + e.notice());
    }
  }
}
