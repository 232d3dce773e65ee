package dev.parley.core.internal.tickets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.Ticket;

/** The short view of a ticket that tools hand back to the model. */
final class TicketJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TicketJson() {}

  static ObjectNode summary(Ticket ticket) {
    ObjectNode node = JSON.createObjectNode()
        .put("id", ticket.id())
        .put("title", ticket.title())
        .put("priority", ticket.priority())
        .put("status", ticket.status())
        .put("created_at", ticket.createdAt().toString());
    if (ticket.permalink() != null) node.put("conversation", ticket.permalink());
    return node;
  }
}
