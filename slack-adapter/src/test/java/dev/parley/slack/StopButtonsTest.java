package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import org.junit.jupiter.api.Test;

class StopButtonsTest {
  private final ConversationKey key = new ConversationKey("slack", "T1", "C1", "1700000000.000100");
  private final StopButtons stops = new StopButtons("xoxb-one");

  @Test
  void aValueItWroteNamesTheAsker() {
    assertThat(stops.askerOf(stops.value(key, "U1"), key)).contains("U1");
  }

  @Test
  void aTamperedOrBorrowedValueNamesNobody() {
    String value = stops.value(key, "U1");
    String tag = value.substring(value.lastIndexOf('|') + 1);
    ConversationKey other = new ConversationKey("slack", "T1", "C1", "1700000000.000200");

    assertThat(stops.askerOf(key.asString() + "|U2|" + tag, key)).isEmpty();
    assertThat(stops.askerOf(value, other)).isEmpty();
    assertThat(stops.askerOf(key.asString(), key)).isEmpty();
    assertThat(stops.askerOf(key.asString() + "|U1|", key)).isEmpty();
    assertThat(new StopButtons("xoxb-two").askerOf(value, key)).isEmpty();
  }
}
