package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.BotCore;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The settings that bound a turn and a conversation: parsed, validated, and wired to the engine. */
class BoundsConfigTest {
  private static final String GROQ_URL = "http://127.0.0.1:9/openai/v1";

  private static ParleyConfig load(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("GROQ_BASE_URL", env.getOrDefault("GROQ_BASE_URL", GROQ_URL));
    return ParleyConfig.load(env);
  }

  @Test
  void defaultsBoundEveryTurnAndLeaveTokensUnlimited() {
    ParleyConfig.Bounds bounds = load(Map.of()).bounds();

    assertThat(bounds.maxMessageChars()).isEqualTo(16_000);
    assertThat(bounds.turnDeadline()).isEqualTo(Duration.ofMinutes(3));
    assertThat(bounds.historyMaxBytes()).isEqualTo(256 * 1024);
    assertThat(bounds.tenantDailyTokens()).isZero();
  }

  @Test
  void everyBoundCanBeSet() {
    ParleyConfig.Bounds bounds = load(Map.of("PARLEY_MAX_MESSAGE_CHARS", "4000", "PARLEY_TURN_DEADLINE", "90s",
        "PARLEY_HISTORY_MAX_BYTES", "1MiB", "PARLEY_TENANT_DAILY_TOKENS", "2000000")).bounds();

    assertThat(bounds).isEqualTo(new ParleyConfig.Bounds(4000, Duration.ofSeconds(90), 1024 * 1024, 2_000_000));
    assertThat(load(Map.of("PARLEY_HISTORY_MAX_BYTES", "300000")).bounds().historyMaxBytes()).isEqualTo(300_000);
  }

  @Test
  void badBoundsAreReportedTogetherWithTheirFixes() {
    assertThatThrownBy(() -> load(Map.of("PARLEY_MAX_MESSAGE_CHARS", "0", "PARLEY_TURN_DEADLINE", "0s",
        "PARLEY_HISTORY_MAX_BYTES", "lots", "PARLEY_TENANT_DAILY_TOKENS", "-5")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("PARLEY_MAX_MESSAGE_CHARS").hasMessageContaining("PARLEY_TURN_DEADLINE")
        .hasMessageContaining("PARLEY_HISTORY_MAX_BYTES").hasMessageContaining("256KiB")
        .hasMessageContaining("PARLEY_TENANT_DAILY_TOKENS");
  }

  @Test
  void aHistoryBoundTooSmallForTheLongestMessageIsAProblem() {
    assertThatThrownBy(() -> load(Map.of("PARLEY_MAX_MESSAGE_CHARS", "100000", "PARLEY_HISTORY_MAX_BYTES", "256KiB")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("PARLEY_HISTORY_MAX_BYTES").hasMessageContaining("at least 400000 bytes");
  }

  @Test
  void theBoundsReachTheEngine() throws Exception {
    PlatformStub platform = new PlatformStub();
    try (FakeGroq groq = FakeGroq.start()) {
      // FakeGroq reports 225 total tokens per answer: the second answer crosses 300.
      ParleyConfig config = load(Map.of("GROQ_BASE_URL", groq.baseUrl(), "GROQ_API_KEY", FakeGroq.API_KEY, "PORT", "0",
          "PARLEY_MAX_MESSAGE_CHARS", "5", "PARLEY_TENANT_DAILY_TOKENS", "300"));
      ParleyApplication app = ParleyApplication.start(config, (c, ops) -> List.of(platform));
      try {
        assertThat(ask(platform.conversations, "sixsix").notice()).contains("up to 5");
        assertThat(groq.completionCalls()).isZero();
        assertThat(ask(platform.conversations, "hi").finalText()).isEqualTo("echo: hi");
        assertThat(ask(platform.conversations, "again").finalText()).isEqualTo("echo: again");
        assertThat(ask(platform.conversations, "more").notice()).contains("300 model tokens");
        assertThat(groq.completionCalls()).isEqualTo(2);
      } finally {
        app.stop();
      }
    }
  }

  private static RecordingReplySink ask(Conversations conversations, String text) throws InterruptedException {
    RecordingReplySink sink = new RecordingReplySink();
    ConversationKey key = new ConversationKey("slack", "T1", "C1", UUID.randomUUID().toString());
    conversations.submit(new IncomingMessage(UUID.randomUUID().toString(), key, "U1", "Ada", text, null, Instant.now()),
        () -> sink);
    assertThat(sink.awaitEnd(Duration.ofSeconds(30))).isTrue();
    return sink;
  }

  private static final class PlatformStub implements PlatformRunner {
    volatile Conversations conversations;

    @Override
    public String name() {
      return "stub";
    }

    @Override
    public void start(BotCore core) {
      this.conversations = core.conversations();
    }

    @Override
    public void stop() {}

    @Override
    public void close() {}

    @Override
    public boolean isConnected() {
      return conversations != null;
    }
  }
}
