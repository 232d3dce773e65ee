package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.junit.jupiter.api.Test;

class WebhookEditsTest {

  @Test
  void readsTheMessagesOwnIdAndNotOneNestedBeforeIt() throws IOException {
    String message = """
        {"type":0,"author":{"id":"1400000000000000001","bot":true},"components":[{"id":7}],
         "id":"1400000000000000042","content":"hello"}""";

    assertThat(WebhookEdits.messageId(json(message))).isEqualTo("1400000000000000042");
  }

  @Test
  void saysNothingWhenTheBodyHoldsNoMessageId() throws IOException {
    assertThat(WebhookEdits.messageId(json("{\"content\":\"hello\",\"author\":{\"id\":\"1\"}}"))).isNull();
    assertThat(WebhookEdits.messageId(json("[]"))).isNull();
  }

  @Test
  void writesTheSameJsonJdaWouldSendForAnEditWithButtonsAndMentionRules() {
    MessageEditData edit = new MessageEditBuilder()
        .setContent("Quote \"this\" \u00e9\u4e2d\ud83d\ude00 <@&123> @everyone\n```java\nint x;")
        .setAllowedMentions(List.of())
        .mentionUsers("1400000000000000007")
        .setComponents(ActionRow.of(Button.secondary("regenerate:1", "Regenerate"),
            Button.secondary("up:1", Emoji.fromUnicode("\ud83d\udc4d"))))
        .build();

    assertThat(new String(WebhookEdits.body(edit), StandardCharsets.UTF_8))
        .isEqualTo(new String(edit.toData().toJson(), StandardCharsets.UTF_8));
  }

  private static ByteArrayInputStream json(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
