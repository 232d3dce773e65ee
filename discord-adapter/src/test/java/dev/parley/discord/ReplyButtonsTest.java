package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import org.junit.jupiter.api.Test;

class ReplyButtonsTest {
  private final ConversationKey key =
      new ConversationKey("discord", "1200000000000000002", "1300000000000000003", "1400000000000000004");

  @Test
  void customIdsCarryTheConversationAndFitDiscordsLimit() {
    var ids = ReplyButtons.Ids.forConversation(key);

    assertThat(ids.stop()).hasSizeLessThanOrEqualTo(100);
    assertThat(ReplyButtons.parse(ids.stop())).contains(new ReplyButtons.Click(ReplyButtons.Kind.STOP, key));
    assertThat(ReplyButtons.parse(ids.regenerate()))
        .contains(new ReplyButtons.Click(ReplyButtons.Kind.REGENERATE, key));
    assertThat(ReplyButtons.button(ids.stop()).getLabel()).isEqualTo("Stop");
  }

  @Test
  void aDmKeyWithTheUsersTenantRoundTripsWithinDiscordsLimit() {
    ConversationKey dm = DiscordMessageMapper.dmKey("12345678901234567890", "98765432109876543210");
    var ids = ReplyButtons.Ids.forConversation(dm);

    assertThat(ids.regenerate()).hasSizeLessThanOrEqualTo(100);
    assertThat(ReplyButtons.parse(ids.regenerate()))
        .contains(new ReplyButtons.Click(ReplyButtons.Kind.REGENERATE, dm));
  }

  @Test
  void foreignOrBrokenIdsAreNotOurs() {
    assertThat(ReplyButtons.parse("other:thing")).isEmpty();
    assertThat(ReplyButtons.parse("parley:stop:discord:x")).isEmpty();
    assertThat(ReplyButtons.parse("parley:nope:discord:a:b:c")).isEmpty();
    assertThat(ReplyButtons.parse(null)).isEmpty();
  }

  @Test
  void aNoticeClosesAnOpenCodeBlockAndKeepsThePartialText() {
    assertThat(DiscordReplySink.withNotice("Here:\n```java\nint x;\n", "answer cut off"))
        .isEqualTo("Here:\n```java\nint x;\n```\n\n\u26a0\ufe0f _answer cut off_");
    assertThat(DiscordReplySink.withNotice("", "answer cut off")).isEqualTo("\u26a0\ufe0f _answer cut off_");
  }
}
