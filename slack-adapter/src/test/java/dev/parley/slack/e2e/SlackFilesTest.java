package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.core.api.Attachment;
import dev.parley.core.api.AttachmentUnavailableException;
import dev.parley.core.api.BotCore;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.RegenerateRequest;
import dev.parley.core.api.Submission;
import dev.parley.core.api.reply.ReplySinkFactory;
import dev.parley.core.internal.engine.ConversationEngine;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files shared with Parley in Slack, through the real Bolt app and Slack SDK against the fake
 * Slack's file endpoints: every message the adapter hands the core is recorded on its way in, and
 * its attachments are fetched the way the core fetches them, so a test sees exactly which file
 * and bytes reached the core.
 */
class SlackFilesTest extends SlackBotTestBase {
  private static final long LIMIT = 1_000_000;
  private final BlockingQueue<IncomingMessage> submitted = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    // Images go to a vision model, which the fake Groq lists only when asked.
    groq.withVisionModels();
    startBot();
  }

  @Override
  protected BotCore core(ConversationEngine engine) {
    BotCore core = super.core(engine);
    return new BotCore(new Recording(core.conversations()), core.models(), core.tickets(), core.feedback(),
        core.channels(), core.access(), core.checkpoints());
  }

  @Test
  void aMentionWithOnlyAnImageReachesTheCoreWithTheImagesBytes() throws Exception {
    byte[] png = png();
    FakeSlackFile shot = slack.shareFile("screenshot.png", "image/png", png);
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.mention("C0GENERAL", USER, "", ts, null), shot.json()), ts, 0);

    IncomingMessage message = nextSubmitted();
    assertThat(message.text()).isEmpty();
    assertThat(message.conversation().thread()).isEqualTo(ts);
    Attachment image = message.attachments().get(0);
    assertThat(image.name()).isEqualTo("screenshot.png");
    assertThat(image.mimeType()).isEqualTo("image/png");
    assertThat(image.sizeBytes()).isEqualTo(png.length);
    assertThat(image.voiceMessage()).isFalse();
    assertThat(image.source().download(LIMIT)).isEqualTo(png);
    assertThat(slack.downloads()).last().satisfies(download -> {
      assertThat(download.token()).isEqualTo(FakeSlack.BOT_TOKEN);
      assertThat(download.path()).isEqualTo("/files-pri/" + FakeSlack.TEAM + "-" + shot.id() + "/download/screenshot.png");
    });
    awaitAnswer("C0GENERAL", ts);
  }

  @Test
  void aDirectMessageOfOnlyAnAudioClipReachesTheCoreAsAVoiceMessage() throws Exception {
    byte[] clip = "not really mp4, but bytes all the same".getBytes(StandardCharsets.UTF_8);
    FakeSlackFile voice = slack.shareAudioClip("audio_message.mp4", "video/mp4", clip);
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.directMessage("D0ADA", USER, "", ts, null), voice.json()), ts, 0);

    IncomingMessage message = nextSubmitted();
    Attachment attachment = message.attachments().get(0);
    assertThat(message.text()).isEmpty();
    assertThat(attachment.voiceMessage()).isTrue();
    assertThat(attachment.mimeType()).isEqualTo("audio/mp4");
    assertThat(attachment.source().download(LIMIT)).isEqualTo(clip);
  }

  @Test
  void anAssistantThreadOpenedWithOnlyAnAudioClipIsTitledByTheClip() throws Exception {
    String threadTs = slack.nextTs();
    slack.socket().awaitAck(slack.socket().sendEvent(
        SlackEvents.callback(SlackEvents.assistantThreadStarted("D0ADA", USER, threadTs)), 0), ACK_DEADLINE);
    FakeSlackFile voice = slack.shareAudioClip("audio_message.webm", "audio/webm", new byte[] {1, 2, 3});
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.directMessage("D0ADA", USER, "", ts, threadTs), voice.json()), ts, 0);

    assertThat(nextSubmitted().attachments()).extracting(Attachment::voiceMessage).containsExactly(true);
    assertThat(slack.calls("assistant.threads.setTitle")).singleElement()
        .satisfies(call -> assertThat(call.param("title")).isEqualTo("audio_message.webm"));
  }

  @Test
  void aTextFileSharedInAThreadFollowUpReachesTheCoreWithItsText() throws Exception {
    Sent first = mention("C0GENERAL", "the deploy failed", null);
    awaitAnswer("C0GENERAL", first.ts());
    nextSubmitted();
    byte[] log = "12:00:01 ERROR connection refused: redis:6379\n".getBytes(StandardCharsets.UTF_8);
    FakeSlackFile file = slack.shareFile("deploy.log", "text/plain", log);
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.channelMessage("C0GENERAL", USER, "here is the log", ts, first.ts()),
        file.json()), ts, 0);

    IncomingMessage followUp = nextSubmitted();
    assertThat(followUp.text()).isEqualTo("here is the log");
    assertThat(followUp.conversation().thread()).isEqualTo(first.ts());
    assertThat(followUp.attachments()).singleElement().satisfies(attachment -> {
      assertThat(attachment.name()).isEqualTo("deploy.log");
      assertThat(attachment.mimeType()).isEqualTo("text/plain");
      assertThat(attachment.source().download(LIMIT)).isEqualTo(log);
    });
  }

  @Test
  void aSlackConnectFileIsDescribedWithFilesInfoBeforeTheCoreSeesIt() throws Exception {
    byte[] csv = "region,errors\neu,3\n".getBytes(StandardCharsets.UTF_8);
    FakeSlackFile report = slack.shareFile("errors.csv", "text/csv", csv);
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.mention("C0GENERAL", USER, "what does this say?", ts, null),
        report.connectJson()), ts, 0);

    Attachment attachment = nextSubmitted().attachments().get(0);
    assertThat(attachment.name()).isEqualTo("errors.csv");
    assertThat(attachment.mimeType()).isEqualTo("text/csv");
    assertThat(attachment.sizeBytes()).isEqualTo(csv.length);
    assertThat(attachment.source().download(LIMIT)).isEqualTo(csv);
    assertThat(slack.calls("files.info")).singleElement()
        .satisfies(call -> assertThat(call.param("file")).isEqualTo(report.id()));
  }

  @Test
  void aSupportChannelQuestionKeepsItsFilesWhenItsPermalinkIsAdded() throws Exception {
    FakeSlackFile shot = slack.shareFile("error.png", "image/png", png());
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.channelMessage(SUPPORT_CHANNEL, USER, "", ts, null), shot.json()), ts, 0);

    IncomingMessage message = nextSubmitted();
    assertThat(message.permalink()).contains(SUPPORT_CHANNEL);
    assertThat(message.attachments()).extracting(Attachment::name).containsExactly("error.png");
  }

  @Test
  void aFileThatCannotBeDownloadedFailsWithAReadableReasonAndTheBotGoesOn() throws Exception {
    slack.expectError("file_not_found");
    FakeSlackFile gone = slack.shareFile("gone.png", "image/png", png());
    gone.delete();
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.mention("C0GENERAL", USER, "look at this", ts, null), gone.json()),
        ts, 0);

    Attachment attachment = nextSubmitted().attachments().get(0);
    AttachmentUnavailableException failure = catchThrowableOfType(AttachmentUnavailableException.class,
        () -> attachment.source().download(LIMIT));
    assertThat(failure.getMessage())
        .isEqualTo("it was deleted, or Parley cannot see it (HTTP 404)");
    awaitAnswer("C0GENERAL", ts);
    Sent next = mention("C0GENERAL", "still there?", null);
    assertThat(awaitAnswerText("C0GENERAL", next.ts())).isEqualTo("echo: still there?");
  }

  private IncomingMessage nextSubmitted() throws InterruptedException {
    IncomingMessage message = submitted.poll(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) throw new AssertionError("no message reached the core");
    return message;
  }

  static byte[] png() {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    image.setRGB(3, 3, 0xFF0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Hands every call to the engine, keeping each submitted message as the adapter made it. */
  private final class Recording implements Conversations {
    private final Conversations engine;

    Recording(Conversations engine) {
      this.engine = engine;
    }

    @Override
    public Submission submit(IncomingMessage message, ReplySinkFactory sinks) {
      submitted.add(message);
      return engine.submit(message, sinks);
    }

    @Override
    public void stop(ConversationKey key) {
      engine.stop(key);
    }

    @Override
    public Submission regenerate(RegenerateRequest request, ReplySinkFactory sinks) {
      return engine.regenerate(request, sinks);
    }

    @Override
    public void reset(ConversationKey key) {
      engine.reset(key);
    }
  }
}
