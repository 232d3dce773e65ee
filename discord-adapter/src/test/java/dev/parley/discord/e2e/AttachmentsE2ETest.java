package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.BOT_ID;
import static dev.parley.discord.e2e.DiscordPayloads.CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.DM_CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.internal.engine.ConversationEngineBuilder;
import dev.parley.core.internal.llm.groq.GroqConfig;
import dev.parley.core.internal.llm.groq.GroqTranscriber;
import dev.parley.core.internal.llm.groq.GroqTranscriptionConfig;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.TestAudio;
import dev.parley.core.testing.TestEngines;
import dev.parley.core.testing.TestFiles;
import dev.parley.core.testing.TranscriptionRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files sent on Discord, end to end: real JDA against the fake gateway and CDN, the real engine
 * against the fake Groq. A mention with a screenshot reaches the vision model as an image part, a
 * voice message, in a DM or a support channel, is transcribed and answered with what was heard quoted, {@code /ask}'s attachment
 * goes into the prompt, and a file whose link expired, or that is larger than Parley reads, gets a
 * notice while the conversation goes on.
 */
class AttachmentsE2ETest {
  private static final String VISION = ConversationEngineBuilder.DEFAULT_VISION_MODEL;
  private static GroqTranscriber transcriber;
  private static DiscordHarness harness;

  @BeforeAll
  static void start() throws InterruptedException {
    harness = DiscordHarness.startWithGroq(groq -> {
      groq.withVisionModels();
      transcriber = new GroqTranscriber(GroqConfig.defaults(FakeGroq.API_KEY).withBaseUrl(groq.baseUrl()),
          GroqTranscriptionConfig.defaults());
      // Every channel is a support channel: a voice message there (it can mention nobody) is answered.
      return builder -> builder.transcriber(transcriber).channelSettings(key -> TestEngines.settings(true));
    });
  }

  @AfterAll
  static void stop() {
    try {
      harness.close();
    } finally {
      transcriber.close();
    }
  }

  @Test
  void aMentionWithOnlyAScreenshotIsAnsweredByTheVisionModelFromTheImage() throws InterruptedException {
    byte[] png = TestFiles.png(16, 16);
    ObjectNode message = DiscordPayloads.withAttachments(
        DiscordHarness.message(CHANNEL_ID, GUILD_ID, "<@" + BOT_ID + ">", true),
        harness.discord.cdn().attach(CHANNEL_ID, "screenshot.png", "image/png", png));
    harness.discord.userMessage(message);
    String threadId = message.get("id").asText();

    JsonNode request = awaitGroqRequest(r -> VISION.equals(r.path("model").asText()));
    JsonNode content = lastUserContent(request);
    assertThat(content.isArray()).as("content parts: %s", content).isTrue();
    assertThat(content.findValuesAsText("url"))
        .containsExactly("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
    // The answer streams in edits: wait for the whole of it, not its first words.
    await().atMost(DiscordHarness.WAIT).untilAsserted(() ->
        assertThat(lastBotText(threadId)).startsWith("echo: ").contains("[image: screenshot.png]"));
    assertThat(harness.discord.thread(threadId).path("name").asText()).isEqualTo("screenshot.png");
    assertThat(harness.discord.cdn().downloadsWithCredentials()).isEmpty();
  }

  @Test
  void aVoiceMessageInADmIsTranscribedAndTheReplyQuotesWhatWasHeard() throws InterruptedException {
    byte[] ogg = TestAudio.ogg(4096);
    harness.groq.transcribes("voice-message.ogg", "what time is it in Lisbon");
    ObjectNode message = DiscordPayloads.voiceMessage(DiscordPayloads.withAttachments(
        DiscordHarness.message(DM_CHANNEL_ID, null, "", false),
        harness.discord.cdn().attachVoice(DM_CHANNEL_ID, ogg, 3.2)));
    harness.discord.userMessage(message);

    TranscriptionRequest upload = harness.groq.transcriptions().take(DiscordHarness.WAIT);
    assertThat(upload).as("an upload reached Groq").isNotNull();
    assertThat(upload.fileName()).isEqualTo("voice-message.ogg");
    assertThat(upload.audio()).isEqualTo(ogg);
    assertThat(lastUserContent(awaitGroqRequest(r -> "what time is it in Lisbon".equals(lastUserContent(r).asText()))))
        .isNotNull();
    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(DM_CHANNEL_ID).contains("echo: what time is it in Lisbon"));
    assertThat(lastBotText(DM_CHANNEL_ID)).startsWith("> ").contains("what time is it in Lisbon\n\necho: ");
  }

  @Test
  void aVoiceMessageInASupportChannelIsAnsweredInAThreadNamedAfterIt() throws InterruptedException {
    harness.groq.transcribes("voice-message.ogg", "is the build broken");
    ObjectNode message = DiscordPayloads.voiceMessage(DiscordPayloads.withAttachments(
        DiscordHarness.message(CHANNEL_ID, GUILD_ID, "", false),
        harness.discord.cdn().attachVoice(CHANNEL_ID, TestAudio.ogg(2048), 1.5)));
    harness.discord.userMessage(message);
    String threadId = message.get("id").asText();

    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(threadId).contains("echo: is the build broken"));
    assertThat(harness.discord.thread(threadId).path("name").asText()).isEqualTo("Voice message");
    assertThat(lastBotText(threadId)).startsWith("> ").contains("is the build broken\n\necho: ");
  }

  @Test
  void askWithALogFilePutsItsTextInThePrompt() throws InterruptedException {
    byte[] log = "2026-11-30 ERROR connection refused to redis:6379\n".getBytes(StandardCharsets.UTF_8);
    ObjectNode ask = InteractionPayloads.withAttachmentOption(
        InteractionPayloads.slashCommand(Snowflakes.now(), "ask", InteractionPayloads.Place.dm(),
            InteractionPayloads.stringOption("prompt", "why does this fail?")),
        "attachment", harness.discord.cdn().attach(DM_CHANNEL_ID, "app.log", "text/plain; charset=utf-8", log));
    harness.discord.interact(ask);

    JsonNode request = awaitGroqRequest(r -> lastUserContent(r).asText().startsWith("why does this fail?"));
    assertThat(lastUserContent(request).asText()).contains("app.log", "ERROR connection refused to redis:6379");
    String token = ask.get("token").asText();
    await().atMost(DiscordHarness.WAIT).until(() -> harness.discord.hook(token).originalId != null
        && harness.discord.message(harness.discord.hook(token).originalId).path("content").asText()
            .startsWith("echo: why does this fail?"));
  }

  @Test
  void anExpiredAttachmentGetsANoticeAndTheNextMessageIsAnswered() throws InterruptedException {
    int callsBefore = harness.groq.completionCalls();
    ObjectNode expired = DiscordPayloads.withAttachments(DiscordHarness.message(DM_CHANNEL_ID, null, "", false),
        harness.discord.cdn().attachExpired(DM_CHANNEL_ID, "old.png", "image/png", TestFiles.png(16, 16)));
    harness.discord.userMessage(expired);

    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(DM_CHANNEL_ID).contains(
        "Parley could not download old.png: its link on Discord expired, or the message was deleted."));
    assertThat(harness.discord.cdn().downloads()).anyMatch(d -> d.path().endsWith("/old.png") && d.status() == 404);
    assertThat(harness.groq.completionCalls()).as("nothing left to ask the model").isEqualTo(callsBefore);

    harness.say(DM_CHANNEL_ID, null, "still there?", false);
    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(DM_CHANNEL_ID).equals("echo: still there?"));
  }

  @Test
  void aFileDiscordAnnouncesOverTheLimitGetsANoticeWithoutBeingDownloaded() throws InterruptedException {
    byte[] huge = new byte[11 * 1024 * 1024];
    ObjectNode message = DiscordPayloads.withAttachments(DiscordHarness.message(DM_CHANNEL_ID, null, "", false),
        harness.discord.cdn().attach(DM_CHANNEL_ID, "huge.png", "image/png", huge));
    harness.discord.userMessage(message);

    await().atMost(DiscordHarness.WAIT).until(() -> lastBotText(DM_CHANNEL_ID).contains("huge.png is larger than the"));
    assertThat(lastBotText(DM_CHANNEL_ID)).contains("Parley reads");
    assertThat(harness.discord.cdn().downloads()).noneMatch(d -> d.path().endsWith("/huge.png"));
  }

  private static JsonNode awaitGroqRequest(java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + DiscordHarness.WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode request = harness.groq.takeRequest(Duration.ofMillis(500));
      if (request != null && wanted.test(request)) return request;
    }
    throw new AssertionError("no such request reached Groq");
  }

  private static JsonNode lastUserContent(JsonNode request) {
    JsonNode messages = request.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).path("role").asText())) return messages.get(i).path("content");
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static String lastBotText(String channelId) {
    List<ObjectNode> messages = harness.discord.botMessagesIn(channelId);
    return messages.isEmpty() ? "" : messages.getLast().path("content").asText();
  }
}
