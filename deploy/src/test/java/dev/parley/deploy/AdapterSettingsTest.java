package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.discord.DiscordSettings;
import dev.parley.slack.SlackSettings;
import dev.parley.slack.SlackThreadReads;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The environment maps once onto the adapters' own settings records, every adapter option included. */
class AdapterSettingsTest {
  private static final String GROQ = ParleyConfigTest.GROQ;
  private static final String DISCORD = ParleyConfigTest.DISCORD;
  private static final String BOT = ParleyConfigTest.BOT;
  private static final String APP = ParleyConfigTest.APP;

  @Test
  void discordSettingsMapOntoTheAdapter() {
    ParleyConfig sharded = ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ, "DISCORD_TOKEN", DISCORD,
        "DISCORD_SHARD_TOTAL", "4", "DISCORD_SHARD_IDS", "3,2", "DISCORD_COMMAND_GUILDS", "123456789012345678",
        "DISCORD_LISTEN_TO_MESSAGES", "false", "DISCORD_ADMIN_ONLY_MODEL_SWITCH", "true",
        "DISCORD_PING_AUTHOR_ON_REPLY", "yes"));
    ParleyConfig single = ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ, "DISCORD_TOKEN", DISCORD));

    DiscordSettings shards = sharded.discord().orElseThrow();
    DiscordSettings one = single.discord().orElseThrow();

    assertThat(shards.shardTotal()).isEqualTo(4);
    assertThat(shards.shardIds()).containsExactly(2, 3);
    assertThat(shards.commandGuildIds()).containsExactly(123456789012345678L);
    assertThat(shards.listenToMessages()).isFalse();
    assertThat(shards.adminOnlyModelSwitch()).isTrue();
    assertThat(shards.pingAuthorOnReply()).isTrue();
    assertThat(shards.apiUrl()).isEqualTo("https://discord.com/api/v10/");
    assertThat(one.sharded()).isFalse();
    assertThat(one.listenToMessages()).isTrue();
    assertThat(one.adminOnlyModelSwitch()).isFalse();
    assertThat(one.pingAuthorOnReply()).isFalse();
  }

  @Test
  void slackSettingsMapOntoTheAdapter() {
    SlackSettings defaults = ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ, "SLACK_BOT_TOKEN", BOT,
        "SLACK_APP_TOKEN", APP)).slack().orElseThrow();
    SlackSettings changed = ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ, "SLACK_BOT_TOKEN", BOT,
        "SLACK_SIGNING_SECRET", "8f742231b10e8888abcd99yyyzzz85a5", "SLACK_API_URL", "https://slack-gov.com/api",
        "SLACK_ANSWER_THREAD_FOLLOW_UPS", "false", "SLACK_ALLOW_OTHER_BOTS", "on",
        "SLACK_FILES_URL", "https://files.slack-gov.com/")).slack().orElseThrow();

    assertThat(defaults.socketMode()).isTrue();
    assertThat(defaults.apiUrl()).isEqualTo("https://slack.com/api/");
    assertThat(defaults.answerThreadFollowUps()).isTrue();
    assertThat(defaults.allowOtherBots()).isFalse();
    assertThat(defaults.filesUrl()).isEqualTo("https://files.slack.com/");
    assertThat(changed.socketMode()).isFalse();
    assertThat(changed.apiUrl()).isEqualTo("https://slack-gov.com/api/");
    assertThat(changed.answerThreadFollowUps()).isFalse();
    assertThat(changed.allowOtherBots()).isTrue();
    assertThat(changed.filesUrl()).isEqualTo("https://files.slack-gov.com/");
  }

  @Test
  void slackThreadReadsDefaultToTheLimitsOfAnAppOutsideTheMarketplace() {
    SlackSettings defaults = ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ, "SLACK_BOT_TOKEN", BOT,
        "SLACK_APP_TOKEN", APP)).slack().orElseThrow();
    SlackSettings internal = ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ, "SLACK_BOT_TOKEN", BOT,
        "SLACK_APP_TOKEN", APP, "SLACK_THREAD_READS_PER_MINUTE", "50", "SLACK_THREAD_READ_LIMIT", "200"))
        .slack().orElseThrow();

    assertThat(defaults.threadReads()).isEqualTo(SlackThreadReads.NON_MARKETPLACE);
    assertThat(internal.threadReads().readsPerMinute()).isEqualTo(50);
    assertThat(internal.threadReads().pageSize()).isEqualTo(200);
  }

  @Test
  void badSlackThreadReadsAreReportedWithTheirFix() {
    assertThatThrownBy(() -> ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ, "SLACK_BOT_TOKEN", BOT,
        "SLACK_APP_TOKEN", APP, "SLACK_THREAD_READS_PER_MINUTE", "-1", "SLACK_THREAD_READ_LIMIT", "5000")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("SLACK_THREAD_READS_PER_MINUTE").hasMessageContaining("must not be negative")
        .hasMessageContaining("SLACK_THREAD_READ_LIMIT").hasMessageContaining("from 1 to 1000");
  }

  @Test
  void everyAdapterSwitchIsValidatedUnderItsOwnName() {
    assertThat(ParleyConfigTest.catchInvalid(Map.of("GROQ_API_KEY", GROQ, "DISCORD_TOKEN", DISCORD,
        "SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP,
        "DISCORD_LISTEN_TO_MESSAGES", "maybe", "DISCORD_ADMIN_ONLY_MODEL_SWITCH", "admins",
        "DISCORD_PING_AUTHOR_ON_REPLY", "2", "SLACK_ANSWER_THREAD_FOLLOW_UPS", "sometimes",
        "SLACK_ALLOW_OTHER_BOTS", "nope")).problems())
        .extracting(ConfigProblem::where).containsExactlyInAnyOrder("DISCORD_LISTEN_TO_MESSAGES",
            "DISCORD_ADMIN_ONLY_MODEL_SWITCH", "DISCORD_PING_AUTHOR_ON_REPLY", "SLACK_ANSWER_THREAD_FOLLOW_UPS",
            "SLACK_ALLOW_OTHER_BOTS");
  }
}
