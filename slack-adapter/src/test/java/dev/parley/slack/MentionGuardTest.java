package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MentionGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {"<!channel>", "<!here>", "<!everyone>", "<!subteam^S0123ABC>", "<!subteam^S0123ABC|@oncall>",
      "<!here|here>", "<!CHANNEL>", "@channel", "@here", "@everyone", "hey @channel!"})
  void crowdMentionsNoLongerParse(String text) {
    String out = MentionGuard.neutralise("Ping " + text + " now");

    assertThat(out).doesNotContain("<!").doesNotContainPattern("(?<![\\w@])@(?i)(channel|here|everyone)\\b");
    assertThat(out).startsWith("Ping ").endsWith(" now");
  }

  @Test
  void keepsEverythingElse() {
    String text = "Mail ada@here.com, see <https://x.dev|docs>, ask <@U123>. `@channel` in code is shown as text.";

    assertThat(MentionGuard.neutralise(text)).contains("ada@here.com", "<https://x.dev|docs>", "<@U123>");
  }

  @Test
  void labelOfAGroupMentionStaysReadable() {
    assertThat(MentionGuard.neutralise("<!subteam^S1|@oncall>")).isEqualTo("@\u200Doncall");
    assertThat(MentionGuard.neutralise("<!channel>")).isEqualTo("@\u200Dchannel");
  }

  @Test
  void stablePrefixHoldsBackAFragmentThatMayBecomeAMention() {
    assertThat(MentionGuard.stablePrefixLength("Hi <!chan")).isEqualTo(3);
    assertThat(MentionGuard.stablePrefixLength("Hi @chan")).isEqualTo(3);
    assertThat(MentionGuard.stablePrefixLength("Hi <!channel> there")).isEqualTo(19);
    assertThat(MentionGuard.stablePrefixLength("Hi there")).isEqualTo(8);
  }

  @Test
  void guardedStablePrefixesGrowIntoTheGuardedWhole() {
    String whole = "Alert <!channel> and @here: see <!subteam^S1|@ops> now";
    String shown = "";
    for (int i = 1; i <= whole.length(); i++) {
      String prefix = whole.substring(0, i);
      String guarded = MentionGuard.neutralise(prefix.substring(0, MentionGuard.stablePrefixLength(prefix)));
      assertThat(guarded).startsWith(shown);
      shown = guarded;
    }
    assertThat(MentionGuard.neutralise(whole)).startsWith(shown);
  }
}
