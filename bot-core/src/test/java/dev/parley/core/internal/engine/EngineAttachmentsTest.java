package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.parley.core.api.Attachment;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.Submission;
import dev.parley.core.internal.attachments.AttachmentLimits;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.internal.llm.Transcriber;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.RecordingReplySink;
import dev.parley.core.testing.TestEngines;
import dev.parley.core.testing.TestFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attachments through the whole engine and the real Groq client, against the strict fake Groq:
 * the exact request each kind of file makes, what history keeps, and each fault's notice.
 */
class EngineAttachmentsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VISION = ConversationEngineBuilder.DEFAULT_VISION_MODEL;
  private final ConversationKey key = new ConversationKey("test", "T1", "C1", UUID.randomUUID().toString());
  private final InMemoryHistoryStore history = new InMemoryHistoryStore();
  private FakeGroq groq;
  private ConversationEngine engine;

  @BeforeEach
  void start() {
    groq = FakeGroq.start().withVisionModels();
  }

  @AfterEach
  void stop() {
    if (engine != null) engine.close();
    groq.close();
  }

  private ConversationEngine engine(UnaryOperator<ConversationEngineBuilder> adjust) {
    engine = adjust.apply(TestEngines.inMemoryBuilder(groq.baseUrl()).history(history)).build();
    return engine;
  }

  private RecordingReplySink ask(String text, Attachment... files) throws Exception {
    RecordingReplySink sink = new RecordingReplySink();
    IncomingMessage message = new IncomingMessage(UUID.randomUUID().toString(), key, "U1", "Ada", text, null,
        Instant.now()).withAttachments(List.of(files));
    Submission submission = engine.submit(message, () -> sink);
    submission.done().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return sink;
  }

  private JsonNode lastRequest() throws InterruptedException {
    JsonNode request = groq.takeRequest(WAIT);
    assertThat(request).as("a request reached Groq").isNotNull();
    return request;
  }

  @Test
  void anImageGoesToTheVisionModelAsADataUrlPartAndHistoryKeepsOnlyItsName() throws Exception {
    engine(b -> b);
    byte[] png = TestFiles.png(64, 48);

    RecordingReplySink sink = ask("what is this?", TestFiles.file("screenshot.png", "image/png", png).attachment());

    JsonNode request = lastRequest();
    assertThat(request.get("model").asText()).isEqualTo(VISION);
    ArrayNode expected = JSON.createArrayNode();
    expected.addObject().put("type", "text").put("text", "what is this?\n\n[image: screenshot.png]");
    expected.addObject().put("type", "image_url").putObject("image_url")
        .put("url", "data:image/png;base64," + Base64.getEncoder().encodeToString(png));
    assertThat(request.get("messages").get(1).get("content")).isEqualTo(expected);
    assertThat(sink.finalText()).isEqualTo("echo: what is this?\n\n[image: screenshot.png]");
    assertThat(history.load(key)).extracting(Turn::content)
        .containsExactly("what is this?\n\n[image: screenshot.png]", "echo: what is this?\n\n[image: screenshot.png]");

    ask("and what colour was it?");

    JsonNode followUp = lastRequest();
    assertThat(followUp.get("model").asText()).as("a follow-up without images").isEqualTo(TestEngines.MODEL);
    assertThat(followUp.get("messages").get(1).get("content").asText()).isEqualTo("what is this?\n\n[image: screenshot.png]");
    assertThat(followUp.toString()).doesNotContain("base64");
  }

  @Test
  void aTextFileGoesIntoThePromptWhileHistoryKeepsItsName() throws Exception {
    engine(b -> b);

    RecordingReplySink sink = ask("why does it fail?", TestFiles.text("app.log", "ERROR boom at line 3").attachment());

    JsonNode request = lastRequest();
    assertThat(request.get("model").asText()).isEqualTo(TestEngines.MODEL);
    assertThat(request.get("messages").get(1).get("content").asText()).isEqualTo("why does it fail?\n\n[file: app.log]"
        + "\n\n--- begin file: app.log ---\nERROR boom at line 3\n--- end file: app.log ---");
    assertThat(sink.notice()).isNull();
    assertThat(history.load(key).getFirst().content()).isEqualTo("why does it fail?\n\n[file: app.log]");
  }

  @Test
  void aPdfsTextGoesIntoThePrompt() throws Exception {
    engine(b -> b);

    ask("summarise", TestFiles.file("invoice.pdf", "application/pdf", TestFiles.pdf("Invoice 42", "Total: 17 EUR")).attachment());

    String sent = lastRequest().get("messages").get(1).get("content").asText();
    assertThat(sent).startsWith("summarise\n\n[file: invoice.pdf]\n\n--- begin file: invoice.pdf ---\n")
        .contains("Invoice 42", "Total: 17 EUR");
    assertThat(history.load(key).getFirst().content()).isEqualTo("summarise\n\n[file: invoice.pdf]");
  }

  @Test
  void aFileCutToFitSaysSoAboveTheAnswerWhichHistoryKeepsWithoutThatLine() throws Exception {
    engine(b -> b.attachmentLimits(AttachmentLimits.DEFAULTS.withBounds(10L << 20, 50)));
    groq.enqueueAnswer("It is a list of x.");

    RecordingReplySink sink = ask("what is this?", TestFiles.text("data.csv", "x,".repeat(100)).attachment());

    assertThat(lastRequest().get("messages").get(1).get("content").asText()).contains("x,".repeat(25) + "\n[the rest of the file was cut]");
    assertThat(sink.finalText()).isEqualTo(
        "\u26A0\uFE0F data.csv was cut to its first 50 of 200 characters to fit.\n\nIt is a list of x.");
    assertThat(history.load(key).getLast().content()).isEqualTo("It is a list of x.");
  }

  @Test
  void aVoiceMessageIsAnsweredLikeTypedTextAndTheReplyShowsWhatWasHeard() throws Exception {
    Transcriber heard = (name, mime, audio) -> "what time is it in Lisbon";
    engine(b -> b.transcriber(heard));

    RecordingReplySink sink = ask("", TestFiles.voice("voice-message.ogg", new byte[] {1, 2, 3}).attachment());

    JsonNode request = lastRequest();
    assertThat(request.get("model").asText()).isEqualTo(TestEngines.MODEL);
    assertThat(request.get("messages").get(1).get("content").asText()).isEqualTo("what time is it in Lisbon");
    assertThat(sink.finalText()).isEqualTo(
        "> \uD83C\uDF99\uFE0F heard: what time is it in Lisbon\n\necho: what time is it in Lisbon");
    assertThat(history.load(key)).extracting(Turn::content)
        .containsExactly("what time is it in Lisbon", "echo: what time is it in Lisbon");
  }

  @Test
  void aMessageWithOnlyAFailedDownloadGetsTheNoticeAndNoModelCall() throws Exception {
    engine(b -> b);

    RecordingReplySink sink = ask("", TestFiles.unavailable("app.log", "text/plain", "the file was deleted"));

    assertThat(sink.notice()).isEqualTo("Parley could not download app.log: the file was deleted.");
    assertThat(sink.finalText()).isEmpty();
    assertThat(groq.completionCalls()).isZero();
    assertThat(history.load(key)).isEmpty();
  }

  @Test
  void aVoiceMessageThatCannotBeTranscribedGetsTheNoticeAndNoModelCall() throws Exception {
    engine(b -> b.transcriber(Transcriber.NONE));

    RecordingReplySink sink = ask("", TestFiles.voice("voice-message.ogg", new byte[] {1}).attachment());

    assertThat(sink.notice()).isEqualTo(
        "Parley could not transcribe voice-message.ogg: voice messages are not enabled here.");
    assertThat(groq.completionCalls()).isZero();
  }

  @Test
  void aCorruptPdfAndAnUnknownFileGetNoticesAndTheQuestionIsStillAnswered() throws Exception {
    engine(b -> b);

    RecordingReplySink sink = ask("check these", TestFiles.file("report.pdf", "application/pdf", TestFiles.corruptPdf()).attachment(),
        TestFiles.file("tool.exe", "application/x-msdownload", new byte[] {'M', 'Z'}).attachment());

    assertThat(lastRequest().get("messages").get(1).get("content").asText())
        .isEqualTo("check these\n\n[file not read: report.pdf]\n[file not read: tool.exe]");
    assertThat(sink.notice()).isNull();
    assertThat(sink.finalText()).isEqualTo("\u26A0\uFE0F report.pdf could not be read as a PDF (it may be damaged).\n"
        + "\u26A0\uFE0F Parley cannot read tool.exe (application/x-msdownload): it reads images (PNG, JPEG, WebP, GIF), "
        + "text files, PDFs and voice messages.\n\n"
        + "echo: check these\n\n[file not read: report.pdf]\n[file not read: tool.exe]");
  }

  @Test
  void aModelThatRefusesImagesBecomesANoticeAndTheConversationGoesOn() throws Exception {
    groq.expectError("invalid_request_error");
    engine(b -> b.visionModel(TestEngines.MODEL));

    RecordingReplySink sink = ask("what is this?", TestFiles.file("shot.png", "image/png", TestFiles.png(20, 20)).attachment());

    assertThat(groq.refusals()).singleElement().asString().contains("message[1].content must be a string");
    assertThat(sink.notice()).startsWith("The model " + TestEngines.MODEL + " did not accept the images")
        .contains("PARLEY_VISION_MODEL");
    RecordingReplySink next = ask("then just say hi");
    assertThat(next.finalText()).isEqualTo("echo: then just say hi");
    assertThat(history.load(key)).extracting(Turn::content)
        .containsExactly("what is this?\n\n[image: shot.png]", "then just say hi", "echo: then just say hi");
  }

  @Test
  void imagesTooLargeForGroqTogetherGetANotice() throws Exception {
    groq.expectError("request_too_large");
    // A budget above Groq's 4 MB, as a misconfigured build would have: Groq's 413 must still read well.
    engine(b -> b.attachmentLimits(new AttachmentLimits(10L << 20, 40_000, 5, 10, 9_000_000, 33_177_600)));

    RecordingReplySink sink = ask("compare", TestFiles.file("a.png", "image/png", TestFiles.noisyPng(1000, 1000, 7)).attachment(),
        TestFiles.file("b.png", "image/png", TestFiles.noisyPng(300, 300, 8)).attachment());

    assertThat(groq.refusals()).singleElement().asString().startsWith("request_too_large (413");
    assertThat(sink.notice()).isEqualTo("The images were too large for the model together; please send fewer or smaller ones.");
  }

  @Test
  void stopEndsATurnStillDownloadingItsAttachments() throws Exception {
    engine(b -> b);
    java.util.concurrent.CountDownLatch downloading = new java.util.concurrent.CountDownLatch(1);
    Attachment slow = new Attachment("slow.log", "text/plain", -1, false, max -> {
      downloading.countDown();
      try {
        new java.util.concurrent.CountDownLatch(1).await(); // a platform that never answers
        throw new AssertionError("unreachable");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.parley.core.api.AttachmentUnavailableException("interrupted", false, e);
      }
    });
    RecordingReplySink sink = new RecordingReplySink();
    Submission submission = engine.submit(new IncomingMessage(UUID.randomUUID().toString(), key, "U1", "Ada",
        "read this", null, Instant.now()).withAttachments(List.of(slow)), () -> sink);
    assertThat(downloading.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    submission.cancel();

    assertThat(submission.done().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Submission.Outcome.CANCELLED);
    assertThat(sink.notice()).isEqualTo(Notices.STOPPED);
    assertThat(groq.completionCalls()).isZero();
  }

  @Test
  void aLargeImageIsShrunkSoTheRequestStaysUnderGroqsLimit() throws Exception {
    engine(b -> b);

    RecordingReplySink sink = ask("what is this?",
        TestFiles.file("photo.png", "image/png", TestFiles.noisyPng(1400, 1000, 3)).attachment());

    JsonNode request = lastRequest();
    assertThat(request.toString().length()).isLessThan(4_000_000);
    assertThat(request.get("messages").get(1).get("content").get(1).get("image_url").get("url").asText())
        .startsWith("data:image/jpeg;base64,");
    assertThat(sink.notice()).isNull();
  }
}
