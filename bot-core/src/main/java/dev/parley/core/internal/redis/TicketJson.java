package dev.parley.core.internal.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.json.PooledJson;
import java.time.Instant;

/**
 * The stored JSON of a ticket. The id is left out: the store keys tickets by id and only learns
 * the id inside the creating script, after the JSON was written.
 */
final class TicketJson {

  private static final ObjectMapper MAPPER = PooledJson.newMapper();

  private TicketJson() {}

  static String encodeWithoutId(Ticket ticket) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("title", ticket.title());
    node.put("description", ticket.description());
    node.put("priority", ticket.priority());
    node.put("status", ticket.status());
    node.put("reporterId", ticket.reporterId());
    node.put("reporterName", ticket.reporterName());
    ConversationKey conversation = ticket.conversation();
    node.putObject("conversation")
        .put("platform", conversation.platform())
        .put("tenant", conversation.tenant())
        .put("channel", conversation.channel())
        .put("thread", conversation.thread());
    node.put("permalink", ticket.permalink());
    node.put("createdAt", ticket.createdAt().toString());
    if (ticket.isExternal()) {
      node.put("backend", ticket.backend());
      node.put("externalId", ticket.externalId());
      node.put("externalUrl", ticket.externalUrl());
    }
    return node.toString();
  }

  static Ticket decode(String id, String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      JsonNode conversation = node.get("conversation");
      return new Ticket(id, text(node, "title"), text(node, "description"), text(node, "priority"),
          text(node, "status"), text(node, "reporterId"), text(node, "reporterName"),
          new ConversationKey(text(conversation, "platform"), text(conversation, "tenant"),
              text(conversation, "channel"), text(conversation, "thread")),
          text(node, "permalink"), Instant.parse(text(node, "createdAt")), text(node, "backend"),
          text(node, "externalId"), text(node, "externalUrl"));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalStateException("ticket " + id + " is not stored as a ticket: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
