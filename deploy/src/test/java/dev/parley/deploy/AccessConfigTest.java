package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.parley.core.api.AccessDecision;
import dev.parley.core.api.AccessGate;
import dev.parley.core.api.AccessRequest;
import dev.parley.core.api.BotCore;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.access.AccessPolicy;
import dev.parley.core.testing.FakeGroq;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The access settings: parsed and checked, handed to the platforms, warned about, and counted. */
class AccessConfigTest {
  private static final String GROQ = ParleyConfigTest.GROQ;

  @TempDir
  Path dir;

  @Test
  void theAllowListsAndAdminsAreReadAndTheYamlAddsAChannelsUsersAndRoles() throws IOException {
    Path yaml = dir.resolve("parley.yml");
    Files.writeString(yaml, """
        channels:
          "discord:100000000000000001:200000000000000001":
            allowed_users: [300000000000000001]
            allowed_roles: [400000000000000001]
        """);
    ParleyConfig config = ParleyConfig.load(Map.of("GROQ_API_KEY", GROQ, "PARLEY_CONFIG", yaml.toString(),
        "SLACK_ALLOWED_TEAMS", "T0123ABCD, T0SECOND1", "SLACK_ALLOWED_CHANNELS", "C0GENERAL,dm",
        "DISCORD_ALLOWED_GUILDS", "100000000000000001,dm", "DISCORD_ALLOWED_CHANNELS", "200000000000000001",
        "PARLEY_ADMINS", "slack:U0ADMIN1,discord:500000000000000001"));

    assertThat(config.access().slackTeams()).containsExactlyInAnyOrder("T0123ABCD", "T0SECOND1");
    assertThat(config.access().slackChannels()).containsExactlyInAnyOrder("C0GENERAL", "dm");
    assertThat(config.access().discordGuilds()).containsExactlyInAnyOrder("100000000000000001", "dm");
    AccessPolicy policy = config.access().policy(config.channels());
    ConversationKey thread = new ConversationKey("discord", "100000000000000001", "200000000000000001", "9000000000");
    assertThat(policy.check(discord(thread, "300000000000000001", Set.of()))).isEqualTo(AccessDecision.ALLOWED);
    assertThat(policy.check(discord(thread, "300000000000000002", Set.of("400000000000000001"))))
        .isEqualTo(AccessDecision.ALLOWED);
    assertThat(policy.check(discord(thread, "300000000000000002", Set.of()))).isEqualTo(AccessDecision.USER);
    assertThat(policy.check(new AccessRequest(new ConversationKey("slack", "T0999", "C0GENERAL", "1.2"), "T0999",
        List.of("C0GENERAL"), false, "U1", Set.of()))).isEqualTo(AccessDecision.WORKSPACE);
    assertThat(policy.mayControl("discord", "500000000000000001", "someone")).isTrue();
    assertThat(policy.mayControl("slack", "U0ADMIN1", "someone")).isTrue();
    assertThat(policy.mayControl("slack", "U0OTHER", "someone")).isFalse();
  }

  private static AccessRequest discord(ConversationKey key, String user, Set<String> roles) {
    return new AccessRequest(key, key.tenant(), List.of(key.thread(), key.channel()), false, user, roles);
  }

  @Test
  void idsOfTheWrongKindAreReportedEachUnderItsSetting() throws IOException {
    Path yaml = dir.resolve("parley.yml");
    Files.writeString(yaml, "defaults:\n  allowed_roles: [admins]\n");
    InvalidConfigException error = ParleyConfigTest.catchInvalid(Map.of("GROQ_API_KEY", GROQ,
        "PARLEY_CONFIG", yaml.toString(), "SLACK_ALLOWED_TEAMS", "E0ORG1234", "SLACK_ALLOWED_CHANNELS", "#general",
        "DISCORD_ALLOWED_GUILDS", "my-server", "DISCORD_ALLOWED_CHANNELS", "C0123", "PARLEY_ADMINS", "U0ADMIN1"));

    assertThat(error.problems()).extracting(ConfigProblem::where).containsExactlyInAnyOrder("SLACK_ALLOWED_TEAMS",
        "SLACK_ALLOWED_CHANNELS", "DISCORD_ALLOWED_GUILDS", "DISCORD_ALLOWED_CHANNELS", "PARLEY_ADMINS",
        "parley.yml line 2");
  }

  @Test
  void discordWithoutAGuildAllowListIsWarnedAboutOnceAtStartAndThePlatformsGetTheAccessControl() throws IOException {
    List<ILoggingEvent> open = startAndCaptureWarnings(Map.of("DISCORD_TOKEN", ParleyConfigTest.DISCORD));
    List<ILoggingEvent> restricted = startAndCaptureWarnings(Map.of("DISCORD_TOKEN", ParleyConfigTest.DISCORD,
        "DISCORD_ALLOWED_GUILDS", "100000000000000001"));
    List<ILoggingEvent> noDiscord = startAndCaptureWarnings(Map.of());

    assertThat(open).filteredOn(e -> e.getFormattedMessage().contains("DISCORD_ALLOWED_GUILDS")).singleElement()
        .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
    assertThat(restricted).noneMatch(e -> e.getFormattedMessage().contains("DISCORD_ALLOWED_GUILDS"));
    assertThat(noDiscord).noneMatch(e -> e.getFormattedMessage().contains("DISCORD_ALLOWED_GUILDS"));
  }

  private List<ILoggingEvent> startAndCaptureWarnings(Map<String, String> extra) {
    Logger logger = (Logger) LoggerFactory.getLogger(ParleyApplication.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    AccessPlatform platform = new AccessPlatform();
    try (FakeGroq groq = FakeGroq.start()) {
      Map<String, String> env = new HashMap<>(extra);
      env.put("GROQ_BASE_URL", groq.baseUrl());
      env.put("GROQ_API_KEY", FakeGroq.API_KEY);
      env.put("PORT", "0");
      env.put("PARLEY_SHUTDOWN_GRACE", "1s");
      ParleyApplication app = ParleyApplication.start(ParleyConfig.load(env), (c, ops) -> List.of(platform));
      app.stop();
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(platform.access).isNotNull();
    return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
  }

  @Test
  void refusalsAndSuppressedNoticesAreCountedByPlatformAndReason() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerEngineObserver observer = new MicrometerEngineObserver(registry);

    observer.accessRefused("discord", "channel");
    observer.accessRefused("discord", "channel");
    observer.accessRefused("slack", "workspace");
    observer.noticeSuppressed("slack", "limited");

    String scrape = registry.scrape();
    assertThat(scrape).contains("parley_refused_total{platform=\"discord\",reason=\"channel\"} 2.0")
        .contains("parley_refused_total{platform=\"slack\",reason=\"workspace\"} 1.0")
        .contains("parley_notices_suppressed_total{kind=\"limited\",platform=\"slack\"} 1.0");
  }

  /** A platform that records the access control it was started with. */
  private static final class AccessPlatform implements PlatformRunner {
    volatile AccessGate access;

    @Override
    public String name() {
      return "access";
    }

    @Override
    public void start(BotCore core) {
      this.access = core.access();
    }

    @Override
    public void stop() {}

    @Override
    public void close() {}

    @Override
    public boolean isConnected() {
      return true;
    }
  }
}
