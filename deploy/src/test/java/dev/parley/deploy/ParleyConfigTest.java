package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParleyConfigTest {
  static final String BOT = "xoxb-1111-2222-SECRETBOTVALUE";
  static final String APP = "xapp-1-A111-SECRETAPPVALUE";
  static final String DISCORD = "MTExMTExMTEx.SECRET.DISCORDVALUE";
  static final String GROQ = "gsk_SECRETGROQVALUE";

  @TempDir Path dir;

  @Test
  void noTokensMeansConsoleModeWithDefaults() {
    ParleyConfig config = ParleyConfig.load(Map.of("GROQ_BASE_URL", "http://127.0.0.1:9/openai/v1"));

    assertThat(config.consoleMode()).isTrue();
    assertThat(config.port()).isEqualTo(3000);
    assertThat(config.redis()).isEmpty();
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.channels().defaults().model()).isEqualTo("llama-3.3-70b-versatile");
    assertThat(config.channels().defaults().enabledTools()).containsExactlyInAnyOrder("create_ticket", "lookup_ticket");
  }

  @Test
  void ticketLimitsDefaultToThreePerTurnAndTwentyPerUserADayAndCanBeSet() {
    Map<String, String> base = Map.of("GROQ_BASE_URL", "http://127.0.0.1:9/openai/v1");
    Map<String, String> set = new HashMap<>(base);
    set.put("PARLEY_MAX_TICKETS_PER_TURN", "1");
    set.put("PARLEY_MAX_TICKETS_PER_USER_PER_DAY", "0");

    assertThat(ParleyConfig.load(base).ticketLimits()).isEqualTo(new ParleyConfig.TicketLimits(3, 20));
    assertThat(ParleyConfig.load(set).ticketLimits()).isEqualTo(new ParleyConfig.TicketLimits(1, 0));
  }

  @Test
  void ticketLimitsThatAreNotCountsAreReported() {
    Map<String, String> env = new HashMap<>(Map.of("GROQ_BASE_URL", "http://127.0.0.1:9/openai/v1"));
    env.put("PARLEY_MAX_TICKETS_PER_TURN", "0");
    env.put("PARLEY_MAX_TICKETS_PER_USER_PER_DAY", "lots");

    InvalidConfigException error = catchInvalid(env);

    assertThat(error.problems()).extracting(ConfigProblem::where)
        .containsExactly("PARLEY_MAX_TICKETS_PER_TURN", "PARLEY_MAX_TICKETS_PER_USER_PER_DAY");
  }

  @Test
  void fullConfigurationStartsBothPlatformsAndParsesRedis() {
    Map<String, String> env = new HashMap<>(Map.of("GROQ_API_KEY", GROQ, "SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP,
        "DISCORD_TOKEN", DISCORD, "DISCORD_SHARD_TOTAL", "4", "DISCORD_SHARD_IDS", "2-3",
        "REDIS_URL", "rediss://parley:pa%40ss@redis.example:6380/2", "PORT", "8080"));
    env.put("PARLEY_SHUTDOWN_GRACE", "45s");

    ParleyConfig config = ParleyConfig.load(env);

    assertThat(config.slack()).get().satisfies(s -> assertThat(s.socketMode()).isTrue());
    assertThat(config.discord()).get().satisfies(d -> assertThat(d.shardIds()).containsExactlyInAnyOrder(2, 3));
    RedisEndpoint redis = config.redis().orElseThrow();
    assertThat(redis.tls()).isTrue();
    assertThat(redis.password()).isEqualTo("pa@ss");
    assertThat(redis.database()).isEqualTo(2);
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.toString()).doesNotContain("SECRET", "pa@ss");
  }

  @Test
  void credentialsInTheBaseUrlsStayOutOfTheLoggableConfiguration() {
    ParleyConfig config = ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ,
        "GROQ_BASE_URL", "https://proxy:GROQPASS@llm.example/v1?api_key=GROQKEY",
        "SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP, "SLACK_API_URL", "https://slack-proxy.example/api/?token=SLACKQ",
        "DISCORD_TOKEN", DISCORD, "DISCORD_API_URL", "https://bot:DISCORDPASS@discord-proxy.example/api/v10/",
        "DISCORD_GATEWAY_URL", "wss://gw.example/?access_token=GATEWAYQ"));

    assertThat(config.toString())
        .contains("https://proxy:(redacted)@llm.example/v1?api_key=(redacted)", "token=(redacted)")
        .doesNotContain("GROQPASS", "GROQKEY", "SLACKQ", "DISCORDPASS", "GATEWAYQ");
  }

  @Test
  void everyProblemIsReportedAtOnceWithoutSecrets() throws IOException {
    Path yaml = write("""
        defaults:
          modle: llama-3.1-8b-instant
        channels:
          "slack:T1:C1":
            tools: [create_tiket]
            user_limit: lots
        """);
    Map<String, String> env = Map.of(
        "SLACK_BOT_TOKEN", APP, "SLACK_APP_TOKEN", BOT, "GROQ_BASE_URL", "not a url",
        "REDIS_URL", "redis://user:SECRETREDISPASS@host:notaport", "PORT", "eighty",
        "DISCORD_TOKEN", DISCORD, "DISCORD_GATEWAY_URL", "http://gateway", "PARLEY_TOOLS", "create_ticket,jira",
        "PARLEY_CONFIG", yaml.toString());

    InvalidConfigException error = catchInvalid(env);

    assertThat(error.problems()).extracting(ConfigProblem::where).contains("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN",
        "GROQ_BASE_URL", "REDIS_URL", "PORT", "DISCORD_GATEWAY_URL", "PARLEY_TOOLS",
        "parley.yml line 2", "parley.yml line 5", "parley.yml line 6");
    assertThat(error.problems()).hasSize(10);
    assertThat(error.getMessage())
        .contains("line 2: unknown key 'modle', did you mean 'model'?")
        .contains("unknown tool 'create_tiket', did you mean 'create_ticket'?")
        .contains("xoxb-...(redacted)", "xapp-...(redacted)")
        .doesNotContain("SECRET", "1111-2222", "A111");
    assertThat(error.problems()).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
  }

  @Test
  void slackNeedsABotTokenAndAWayToReceiveEvents() {
    InvalidConfigException error = catchInvalid(Map.of("GROQ_API_KEY", GROQ, "SLACK_APP_TOKEN", APP.replace("xapp-", "xoxp-")));

    assertThat(error.problems()).extracting(ConfigProblem::where).containsExactly("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN");
    assertThat(error.getMessage()).contains("is missing", "xoxp-...(redacted)").doesNotContain("SECRET");
  }

  @Test
  void realGroqNeedsAKey() {
    InvalidConfigException error = catchInvalid(Map.of());

    assertThat(error.problems()).singleElement()
        .satisfies(p -> assertThat(p.where()).isEqualTo("GROQ_API_KEY"))
        .satisfies(p -> assertThat(p.fix()).contains("console.groq.com"));
  }

  @Test
  void yamlSyntaxErrorsNameTheirLine() throws IOException {
    Path yaml = write("defaults:\n  model: a\n channels: [\n");

    InvalidConfigException error = catchInvalid(Map.of("GROQ_API_KEY", GROQ, "PARLEY_CONFIG", yaml.toString()));

    assertThat(error.problems()).singleElement().satisfies(p -> assertThat(p.where()).startsWith("parley.yml line 3"));
  }

  @Test
  void channelSettingsResolveByScopeThenChannelIdThenDefaults() throws IOException {
    Path yaml = write("""
        defaults:
          model: base-model
          reply_cadence: 500ms
        channels:
          "slack:T1:C1":
            support_channel: true
            fallback_models: [small-model]
          C2:
            tools: lookup_ticket
            conversation_limit: 5/1m
        """);

    ParleyConfig config = ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ, "PARLEY_CONFIG", yaml.toString()));

    ChannelSettings scoped = config.channels().settingsFor(new ConversationKey("slack", "T1", "C1", "1.2"));
    ChannelSettings byId = config.channels().settingsFor(new ConversationKey("discord", "G9", "C2", "C2"));
    ChannelSettings other = config.channels().settingsFor(new ConversationKey("slack", "T2", "C1", "1.2"));
    assertThat(scoped.supportChannel()).isTrue();
    assertThat(scoped.fallbackModels()).containsExactly("small-model");
    assertThat(scoped.model()).isEqualTo("base-model");
    assertThat(byId.enabledTools()).isEqualTo(Set.of("lookup_ticket"));
    assertThat(byId.conversationLimit().maxRequests()).isEqualTo(5);
    assertThat(other.supportChannel()).isFalse();
    assertThat(other.replyCadence()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void missingConfigFileIsAProblem() {
    InvalidConfigException error = catchInvalid(Map.of("GROQ_API_KEY", GROQ,
        "PARLEY_CONFIG", dir.resolve("absent.yml").toString()));

    assertThat(error.problems()).extracting(ConfigProblem::where).containsExactly("PARLEY_CONFIG");
  }

  @Test
  void shardIdsMustFitTheShardTotal() {
    InvalidConfigException error = catchInvalid(Map.of("GROQ_API_KEY", GROQ, "DISCORD_TOKEN", DISCORD,
        "DISCORD_SHARD_TOTAL", "2", "DISCORD_SHARD_IDS", "1-2", "DISCORD_COMMAND_GUILDS", "12345678,abc"));

    assertThat(error.problems()).extracting(ConfigProblem::where)
        .containsExactlyInAnyOrder("DISCORD_SHARD_IDS", "DISCORD_COMMAND_GUILDS");
  }

  @Test
  void aMisspelledVariableIsReportedButOtherSoftwaresVariablesAreNot() {
    InvalidConfigException error = catchInvalid(Map.of("GROQ_API_KEY", GROQ, "SLACK_BOT_TOKN", BOT,
        "SLACK_WEBHOOK_URL", "https://hooks.example/x", "PARLEY_HOME", "/opt/parley"));

    assertThat(error.problems()).singleElement().satisfies(p -> {
      assertThat(p.where()).isEqualTo("SLACK_BOT_TOKN");
      assertThat(p.problem()).contains("did you mean SLACK_BOT_TOKEN?");
    });
    assertThat(error.getMessage()).doesNotContain("SECRET");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("parley.yml");
    Files.writeString(file, yaml);
    return file;
  }

  static InvalidConfigException catchInvalid(Map<String, String> env) {
    List<InvalidConfigException> caught = new java.util.ArrayList<>();
    assertThatThrownBy(() -> ParleyConfig.load(env)).isInstanceOfSatisfying(InvalidConfigException.class, caught::add);
    return caught.get(0);
  }
}
