package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.internal.engine.ConversationEngineBuilder;
import dev.parley.core.internal.llm.groq.GroqConfig;
import dev.parley.core.internal.llm.groq.GroqTranscriber;
import dev.parley.core.internal.llm.groq.GroqTranscriptionConfig;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.TestAudio;
import dev.parley.core.testing.TranscriptionRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files shared in Slack, all the way: the real Bolt app and Slack SDK against the fake Slack's
 * file endpoints, and the real engine reading them against the fake Groq, which receives exactly
 * what Groq would.
 */
class SlackFilesThroughTheEngineTest extends SlackBotTestBase {

  private GroqTranscriber transcriber;

  @BeforeEach
  void start() {
    groq.withVisionModels();
    transcriber = new GroqTranscriber(GroqConfig.defaults(FakeGroq.API_KEY).withBaseUrl(groq.baseUrl()),
        GroqTranscriptionConfig.defaults());
    startBot(socketSettings(), engineBuilder().transcriber(transcriber));
  }

  @AfterEach
  void closeTranscriber() {
    transcriber.close();
  }

  @Test
  void aMentionWithOnlyAnImageSendsItToTheVisionModelAsADataUrl() throws Exception {
    byte[] png = SlackFilesTest.png();
    FakeSlackFile shot = slack.shareFile("screenshot.png", "image/png", png);
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.mention("C0GENERAL", USER, "", ts, null), shot.json()), ts, 0);

    JsonNode request = nextGroqRequest();
    assertThat(request.path("model").asText()).isEqualTo(ConversationEngineBuilder.DEFAULT_VISION_MODEL);
    JsonNode content = lastUserContent(request);
    assertThat(content.isArray()).isTrue();
    assertThat(content.findValuesAsText("url")).containsExactly("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
    assertThat(awaitAnswerText("C0GENERAL", ts)).contains("[image: screenshot.png]");
  }

  @Test
  void aTextFileInAThreadGoesIntoThePrompt() throws Exception {
    byte[] log = "12:00:01 ERROR connection refused: redis:6379\n".getBytes(StandardCharsets.UTF_8);
    FakeSlackFile file = slack.shareFile("deploy.log", "text/plain", log);
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.mention("C0GENERAL", USER, "why did it fail?", ts, null), file.json()),
        ts, 0);

    String prompt = lastUserContent(nextGroqRequest()).asText();
    assertThat(prompt).startsWith("why did it fail?").contains("--- begin file: deploy.log ---",
        "ERROR connection refused: redis:6379");
    awaitAnswer("C0GENERAL", ts);
  }

  @Test
  void aDirectMessageOfOnlyAnAudioClipIsTranscribedAndAnsweredLikeTypedText() throws Exception {
    byte[] clip = TestAudio.of("mp4", 2_000);
    groq.transcriptions().script("audio_message.mp4", "what time is it in Lisbon");
    FakeSlackFile voice = slack.shareAudioClip("audio_message.mp4", "video/mp4", clip);
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.directMessage("D0ADA", USER, "", ts, null), voice.json()), ts, 0);

    TranscriptionRequest upload = groq.transcriptions().take(ANSWER_TIMEOUT);
    assertThat(upload).as("a transcription request reached the fake Groq").isNotNull();
    assertThat(upload.fileName()).isEqualTo("audio_message.mp4");
    assertThat(upload.audio()).isEqualTo(clip);
    assertThat(upload.fields()).containsEntry("model", "whisper-large-v3-turbo");
    assertThat(lastUserContent(nextGroqRequest()).asText()).isEqualTo("what time is it in Lisbon");
    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages().stream()
        .anyMatch(m -> m.channel().equals("D0ADA") && m.buttons().contains("parley_feedback_up")));
    assertThat(slack.botMessages()).filteredOn(m -> m.channel().equals("D0ADA")).singleElement()
        .satisfies(m -> assertThat(m.visibleText()).contains("heard: what time is it in Lisbon")
            .endsWith("echo: what time is it in Lisbon"));
  }

  @Test
  void aFileThatCannotBeDownloadedGetsANoticeAndTheBotGoesOn() throws Exception {
    slack.expectError("file_not_found");
    FakeSlackFile gone = slack.shareFile("gone.png", "image/png", SlackFilesTest.png());
    gone.delete();
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.mention("C0GENERAL", USER, "", ts, null), gone.json()), ts, 0);

    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages("C0GENERAL", ts).stream()
        .anyMatch(m -> m.visibleText().contains("Parley could not download gone.png: it was deleted, or Parley cannot see it (HTTP 404)")));
    assertThat(groq.completionCalls()).isZero();
    Sent next = mention("C0GENERAL", "still there?", null);
    assertThat(awaitAnswerText("C0GENERAL", next.ts())).isEqualTo("echo: still there?");
  }

  @Test
  void aFileNamedLikeAMentionPingsNobodyInTheNoticeThatNamesIt() throws Exception {
    FakeSlackFile odd = slack.shareFile("<!everyone> and <@U0BOSS>.xyz", "application/x-unknown",
        "?".getBytes(StandardCharsets.UTF_8));
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.mention("C0GENERAL", USER, "", ts, null), odd.json()), ts, 0);

    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages("C0GENERAL", ts).stream()
        .anyMatch(m -> m.visibleText().contains("Parley cannot read")));
    assertThat(groq.completionCalls()).isZero();
    assertThat(slack.calls()).filteredOn(call -> call.method().startsWith("chat."))
        .isNotEmpty()
        .allSatisfy(call -> assertThat(String.valueOf(call.param("text")) + call.param("blocks") + call.param("markdown_text"))
            .doesNotContain("<!everyone>", "<@U0BOSS>"));
  }

  @Test
  void anAppInstalledWithoutFilesReadGetsANoticeNamingTheScope() throws Exception {
    slack.expectError("sign_in_page");
    slack.revokeFilesScope();
    FakeSlackFile log = slack.shareFile("deploy.log", "text/plain", "boom".getBytes(StandardCharsets.UTF_8));
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.mention("C0GENERAL", USER, "what failed?", ts, null), log.json()), ts, 0);

    assertThat(lastUserContent(nextGroqRequest()).asText()).isEqualTo("what failed?\n\n[file not read: deploy.log]");
    assertThat(awaitAnswerText("C0GENERAL", ts)).contains("Parley could not download deploy.log: Slack answered with its "
        + "sign-in page instead of the file: the Slack app needs the files:read scope");
  }

  private static JsonNode lastUserContent(JsonNode request) {
    JsonNode messages = request.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).path("role").asText().equals("user")) return messages.get(i).path("content");
    }
    throw new AssertionError("no user message in " + request);
  }
}
