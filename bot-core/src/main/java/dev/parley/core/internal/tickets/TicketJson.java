package dev.parley.core.internal.tickets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.json.PooledJson;

/** The short view of a ticket that tools hand back to the model. */
final class TicketJson {
  private static final ObjectMapper JSON = PooledJson.newMapper();

  private TicketJson() {}

  static ObjectNode summary(Ticket ticket) {
    ObjectNode node = JSON.createObjectNode()
        .put("id", ticket.id())
        .put("title", ticket.title())
        .put("priority", ticket.priority())
        .put("status", ticket.status())
        .put("created_at", ticket.createdAt().toString());
    if (ticket.permalink() != null) node.put("conversation", ticket.permalink());
    if (ticket.isExternal()) {
      node.put("tracker", ticket.backend()).put("tracker_id", ticket.externalId());
      if (ticket.externalUrl() != null) node.put("url", ticket.externalUrl());
    }
    return node;
  }

  /** The summary with the state the tracker reports now. */
  static ObjectNode view(TicketView view) {
    ObjectNode node = summary(view.ticket())
        .put("title", view.title())
        .put("status", view.status())
        .put("open", view.open());
    if (view.assignee() != null) node.put("assignee", view.assignee());
    if (view.url() != null) node.put("url", view.url());
    return node;
  }
}
