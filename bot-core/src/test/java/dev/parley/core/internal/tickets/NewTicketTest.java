package dev.parley.core.internal.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.NewTicket;
import org.junit.jupiter.api.Test;

class NewTicketTest {
  private static final ConversationKey WHERE = new ConversationKey("slack", "T1", "C1", "1.2");

  private static NewTicket ticket(String title, String description) {
    return new NewTicket(title, description, null, "U1", null, WHERE, null);
  }

  @Test
  void theToolSchemaStatesTheBoundsATicketEnforces() {
    var schema = new CreateTicketTool(new InMemoryTicketStore()).parametersSchema().path("properties");

    assertThat(schema.path("title").path("maxLength").asInt()).isEqualTo(NewTicket.MAX_TITLE).isEqualTo(200);
    assertThat(schema.path("description").path("maxLength").asInt()).isEqualTo(NewTicket.MAX_DESCRIPTION).isEqualTo(8_000);
  }

  @Test
  void boundsCountCharactersAsJsonSchemaDoesNotUtf16Units() {
    String emoji = "\uD83D\uDE80";

    assertThat(ticket(emoji.repeat(200), emoji.repeat(8_000)).title()).hasSize(400);
    assertThatThrownBy(() -> ticket("x".repeat(201), "d")).hasMessageContaining("title");
    assertThatThrownBy(() -> ticket("t", "x".repeat(8_001))).hasMessageContaining("description");
    assertThatThrownBy(() -> ticket("t", " ")).hasMessageContaining("description");
  }
}
