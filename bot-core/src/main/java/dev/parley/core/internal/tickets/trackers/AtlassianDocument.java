package dev.parley.core.internal.tickets.trackers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.json.PooledJson;

/**
 * A ticket's description in Atlassian Document Format, which Jira's v3 API requires
 * (developer.atlassian.com/cloud/jira/platform/apis/document/structure): a {@code doc} of version
 * 1 holding paragraphs of text nodes; a blank line starts a paragraph, a single newline is a
 * {@code hardBreak}, and the thread link is a text node with a {@code link} mark. ADF refuses an
 * empty text node, so none is written.
 */
final class AtlassianDocument {
  private static final ObjectMapper JSON = PooledJson.newMapper();

  private AtlassianDocument() {}

  static ObjectNode of(Ticket ticket) {
    ObjectNode doc = JSON.createObjectNode().put("type", "doc").put("version", 1);
    ArrayNode content = doc.putArray("content");
    for (String block : ticket.description().strip().split("\\n\\s*\\n")) {
      if (!block.isBlank()) content.add(paragraph(block));
    }
    content.addObject().put("type", "rule");
    if (ticket.permalink() != null) {
      ObjectNode link = JSON.createObjectNode().put("type", "text").put("text", "The whole thread");
      link.putArray("marks").addObject().put("type", "link").putObject("attrs").put("href", ticket.permalink());
      content.addObject().put("type", "paragraph").putArray("content").add(link);
    }
    content.add(paragraph(IssueText.origin(ticket)));
    return doc;
  }

  private static ObjectNode paragraph(String block) {
    ObjectNode paragraph = JSON.createObjectNode().put("type", "paragraph");
    ArrayNode inline = paragraph.putArray("content");
    String[] lines = block.split("\\n");
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) inline.addObject().put("type", "hardBreak");
      if (!lines[i].isEmpty()) inline.addObject().put("type", "text").put("text", lines[i]);
    }
    return paragraph;
  }
}
