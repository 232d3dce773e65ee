package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MentionGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {"<!channel>", "<!here>", "<!everyone>", "<!subteam^S0123ABC>", "<!subteam^S0123ABC|@oncall>",
      "<!here|here>", "<!CHANNEL>", "@channel", "@here", "@everyone", "hey @channel!", "<@U0ADA>", "<#C0GENERAL>",
      "[x](https://a.io/><!here><x)", "&lt;!here&gt;", "&#60;!here&#62;", "`<!here>`", "```\n<@U1>\n```"})
  void mentionsNoLongerParse(String text) {
    String out = MentionGuard.neutralise("Ping " + text + " now");

    assertThat(out).doesNotContain("<!", "<@", "<#", "&lt;", "&#")
        .doesNotContainPattern("(?<![\\w@])@(?i)(channel|here|everyone)\\b");
    assertThat(out.replace("\u200D", "")).isEqualTo("Ping " + text + " now");
  }

  @Test
  void keepsEverythingElse() {
    String text = "Mail ada@here.com, see <https://x.dev|docs>, a < b && c > d, **bold**, `code`. 👨‍👩‍👧";

    assertThat(MentionGuard.neutralise(text)).isEqualTo(text);
  }

  @Test
  void stablePrefixHoldsBackAFragmentThatMayBecomeAMention() {
    assertThat(MentionGuard.stablePrefixLength("Hi <")).isEqualTo(3);
    assertThat(MentionGuard.stablePrefixLength("Hi <!chan")).isEqualTo(9);
    assertThat(MentionGuard.stablePrefixLength("Hi @chan")).isEqualTo(3);
    assertThat(MentionGuard.stablePrefixLength("Hi &l")).isEqualTo(3);
    assertThat(MentionGuard.stablePrefixLength("Hi \uD83D")).isEqualTo(3);
    assertThat(MentionGuard.stablePrefixLength("Hi <!channel> there")).isEqualTo(19);
  }

  @Test
  void guardedStablePrefixesGrowIntoTheGuardedWhole() {
    String whole = "Alert <!channel> and @here: see <!subteam^S1|@ops>, &lt;!here&gt; <@U1> 😀 now";
    String shown = "";
    for (int i = 1; i <= whole.length(); i++) {
      String prefix = whole.substring(0, i);
      String guarded = MentionGuard.neutralise(prefix.substring(0, MentionGuard.stablePrefixLength(prefix)));
      assertThat(guarded).startsWith(shown).doesNotContain("<!", "<@", "&lt;");
      shown = guarded;
    }
    assertThat(MentionGuard.neutralise(whole)).startsWith(shown);
  }
}
