package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

  private static ByteArrayInputStream json(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
