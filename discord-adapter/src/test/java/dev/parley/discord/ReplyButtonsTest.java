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
    assertThat(ReplyButtons.row(ids.stop())).extracting(b -> b.getLabel()).containsExactly("Stop");
  }

  @Test
  void aFinishedAnswerShowsRegenerateAndBothThumbsForItsConversation() {
    var row = ReplyButtons.row(ReplyButtons.Ids.forConversation(key).regenerate());

    assertThat(row).extracting(b -> b.getCustomId()).containsExactly("parley:regen:" + key.asString(),
        "parley:up:" + key.asString(), "parley:down:" + key.asString());
    assertThat(row).extracting(b -> b.getLabel()).containsExactly("Regenerate", "", "");
    assertThat(ReplyButtons.parse(row.get(1).getCustomId()))
        .contains(new ReplyButtons.Click(ReplyButtons.Kind.FEEDBACK_UP, key));
    assertThat(ReplyButtons.parse(row.get(2).getCustomId()))
        .contains(new ReplyButtons.Click(ReplyButtons.Kind.FEEDBACK_DOWN, key));
  }

  @Test
  void aPrivateAnswersRegenerateSaysSoAndOnlyRegenerateMaySay() {
    String id = ReplyButtons.Ids.forConversation(key, true).regenerate();

    assertThat(id).startsWith("parley:regen:");
    assertThat(ReplyButtons.parse(id)).contains(new ReplyButtons.Click(ReplyButtons.Kind.REGENERATE, key, true));
    assertThat(ReplyButtons.Ids.forConversation(key, true).stop()).isEqualTo(ReplyButtons.Ids.forConversation(key).stop());
    assertThat(ReplyButtons.parse("parley:stop:" + key.asString() + ":private")).isEmpty();
    assertThat(ReplyButtons.parse("parley:regen:" + key.asString() + ":public")).isEmpty();
  }

  @Test
  void aDmKeyWithTheUsersTenantRoundTripsWithinDiscordsLimit() {
    ConversationKey dm = DiscordEventMapper.dmKey("12345678901234567890", "98765432109876543210");
    var ids = ReplyButtons.Ids.forConversation(dm);

    assertThat(ids.regenerate()).hasSizeLessThanOrEqualTo(100);
    assertThat(ReplyButtons.parse(ids.regenerate()))
        .contains(new ReplyButtons.Click(ReplyButtons.Kind.REGENERATE, dm));
    String privately = ReplyButtons.Ids.forConversation(dm, true).regenerate();
    assertThat(privately).hasSize(94);
    assertThat(ReplyButtons.parse(privately)).contains(new ReplyButtons.Click(ReplyButtons.Kind.REGENERATE, dm, true));
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

  @Test
  void whereHandoffIsOfferedTheFinishedRowEndsWithTalkToAPersonAndNeverOnAPrivateAnswer() {
    var ids = ReplyButtons.Ids.forConversation(key, false, true);

    var row = ids.rowFor(ids.regenerate());
    assertThat(row).extracting(b -> b.getLabel()).containsExactly("Regenerate", "", "", "Talk to a person");
    assertThat(row.getLast().getCustomId()).isEqualTo("parley:human:" + key.asString()).hasSizeLessThanOrEqualTo(100);
    assertThat(ReplyButtons.parse(row.getLast().getCustomId()))
        .contains(new ReplyButtons.Click(ReplyButtons.Kind.HANDOFF, key));
    assertThat(ids.rowFor(ids.stop())).extracting(b -> b.getLabel()).containsExactly("Stop");
    assertThat(ReplyButtons.Ids.forConversation(key, true, true).handoff()).isNull();
    assertThat(ReplyButtons.Ids.forConversation(key).handoff()).isNull();
  }
}
