package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.Attachment;
import dev.parley.core.api.BotCore;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The vision model and the attachment bounds: parsed, validated, and wired to the engine. */
class AttachmentsConfigTest {
  private static final String GROQ_URL = "http://127.0.0.1:9/openai/v1";

  private static ParleyConfig load(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("GROQ_BASE_URL", env.getOrDefault("GROQ_BASE_URL", GROQ_URL));
    return ParleyConfig.load(env);
  }

  @Test
  void defaultsAreGroqsVisionModelTenMebibytesAndFortyThousandCharacters() {
    ParleyConfig.Attachments attachments = load(Map.of()).attachments();

    assertThat(attachments.visionModel()).isEqualTo("meta-llama/llama-4-scout-17b-16e-instruct");
    assertThat(attachments.maxDownloadBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(attachments.maxFileChars()).isEqualTo(40_000);
  }

  @Test
  void badValuesAreReportedTogetherWithTheirFixes() {
    assertThatThrownBy(() -> load(Map.of("PARLEY_ATTACHMENT_MAX_BYTES", "lots", "PARLEY_ATTACHMENT_MAX_CHARS", "0",
        "PARLEY_VISION_MODEL", "two words")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("PARLEY_ATTACHMENT_MAX_BYTES").hasMessageContaining("10MiB")
        .hasMessageContaining("PARLEY_ATTACHMENT_MAX_CHARS").hasMessageContaining("PARLEY_VISION_MODEL");
    assertThatThrownBy(() -> load(Map.of("PARLEY_ATTACHMENT_MAX_BYTES", "100")))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("at least 1KiB");
  }

  @Test
  void theVisionModelAndTheFileBoundReachTheEngine() throws Exception {
    PlatformStub platform = new PlatformStub();
    try (FakeGroq groq = FakeGroq.start().withVisionModels()) {
      ParleyConfig config = load(Map.of("GROQ_BASE_URL", groq.baseUrl(), "GROQ_API_KEY", FakeGroq.API_KEY, "PORT", "0",
          "PARLEY_VISION_MODEL", "meta-llama/llama-4-maverick-17b-128e-instruct", "PARLEY_ATTACHMENT_MAX_CHARS", "10"));
      ParleyApplication app = ParleyApplication.start(config, (c, ops) -> List.of(platform));
      try {
        ask(platform.conversations, "what is it?",
            TestFiles.file("shot.png", "image/png", TestFiles.png(16, 16)).attachment());
        JsonNode vision = groq.takeRequest(Duration.ofSeconds(30));
        RecordingReplySink cut = ask(platform.conversations, "read it", TestFiles.text("notes.txt", "x".repeat(30)).attachment());

        assertThat(vision.get("model").asText()).isEqualTo("meta-llama/llama-4-maverick-17b-128e-instruct");
        assertThat(cut.finalText()).startsWith("\u26A0\uFE0F notes.txt was cut to its first 10 of 30 characters to fit.");
      } finally {
        app.stop();
      }
    }
  }

  private static RecordingReplySink ask(Conversations conversations, String text, Attachment file)
      throws InterruptedException {
    RecordingReplySink sink = new RecordingReplySink();
    ConversationKey key = new ConversationKey("slack", "T1", "C1", UUID.randomUUID().toString());
    conversations.submit(new IncomingMessage(UUID.randomUUID().toString(), key, "U1", "Ada", text, null, Instant.now())
        .withAttachments(List.of(file)), () -> sink);
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
