package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.BOT_ID;
import static dev.parley.discord.e2e.DiscordPayloads.CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.DM_CHANNEL_ID;
import static dev.parley.discord.e2e.DiscordPayloads.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.Attachment;
import dev.parley.core.api.AttachmentUnavailableException;
import dev.parley.core.api.BotCore;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.RegenerateRequest;
import dev.parley.core.api.Submission;
import dev.parley.core.api.reply.ReplySinkFactory;
import dev.parley.core.testing.TestAudio;
import dev.parley.core.testing.TestFiles;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Discord side guarantees the core, through real JDA and the fake gateway and CDN: a
 * message's files arrive as attachments whose sources download exactly the bytes the user sent,
 * from the signed link and without the bot token, and a file whose link has expired reports it
 * readably. The core's use of the bytes (vision, transcription, notices) is tested end to end in
 * {@code AttachmentsE2ETest}.
 */
class AttachmentDeliveryE2ETest {
  private static final long MAX = 10L * 1024 * 1024;
  private static final Recording recording = new Recording();
  private static DiscordHarness harness;

  @BeforeAll
  static void start() throws InterruptedException {
    // The engine behind the recording reads the files too: it needs a model that takes images.
    harness = DiscordHarness.startWithGroq(groq -> {
      groq.withVisionModels();
      return UnaryOperator.identity();
    }, core -> new BotCore(recording.around(core.conversations()), core.models(), core.tickets(), core.feedback(),
        core.channels(), core.access(), core.checkpoints()));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void aMentionWithOnlyAScreenshotReachesTheCoreWithItsBytes() throws InterruptedException {
    byte[] png = TestFiles.png(16, 16);
    ObjectNode file = harness.discord.cdn().attach(CHANNEL_ID, "screenshot.png", "image/png", png);
    ObjectNode message = DiscordPayloads.withAttachments(
        DiscordHarness.message(CHANNEL_ID, GUILD_ID, "<@" + BOT_ID + ">", true), file);
    harness.discord.userMessage(message);

    IncomingMessage received = recording.awaitMessage(message.get("id").asText());

    assertThat(received.text()).isEmpty();
    assertThat(received.conversation()).isEqualTo(new ConversationKey("discord", GUILD_ID, CHANNEL_ID,
        message.get("id").asText()));
    Attachment image = received.attachments().getFirst();
    assertThat(received.attachments()).hasSize(1);
    assertThat(image.name()).isEqualTo("screenshot.png");
    assertThat(image.mimeType()).isEqualTo("image/png");
    assertThat(image.sizeBytes()).isEqualTo(png.length);
    assertThat(image.voiceMessage()).isFalse();
    assertThat(image.source().download(MAX)).isEqualTo(png);
    assertThat(harness.discord.cdn().downloads()).anyMatch(d -> d.path().endsWith("/screenshot.png")
        && d.status() == 200 && d.authorization() == null);
  }

  @Test
  void aVoiceMessageInADmReachesTheCoreAsARecording() throws InterruptedException {
    byte[] ogg = TestAudio.ogg(2048);
    ObjectNode message = DiscordPayloads.voiceMessage(DiscordPayloads.withAttachments(
        DiscordHarness.message(DM_CHANNEL_ID, null, "", false),
        harness.discord.cdn().attachVoice(DM_CHANNEL_ID, ogg, 2.5)));
    harness.discord.userMessage(message);

    IncomingMessage received = recording.awaitMessage(message.get("id").asText());

    assertThat(received.attachments()).singleElement().satisfies(voice -> {
      assertThat(voice.name()).isEqualTo("voice-message.ogg");
      assertThat(voice.mimeType()).isEqualTo("audio/ogg");
      assertThat(voice.voiceMessage()).isTrue();
      assertThat(voice.source().download(MAX)).isEqualTo(ogg);
    });
  }

  @Test
  void askCarriesItsAttachmentOption() throws InterruptedException {
    byte[] log = "2026-11-30 ERROR connection refused\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ObjectNode ask = InteractionPayloads.withAttachmentOption(
        InteractionPayloads.slashCommand(Snowflakes.now(), "ask", InteractionPayloads.Place.dm(),
            InteractionPayloads.stringOption("prompt", "why does this fail?")),
        "attachment", harness.discord.cdn().attach(DM_CHANNEL_ID, "app.log", "text/plain; charset=utf-8", log));
    harness.discord.interact(ask);

    IncomingMessage received = recording.awaitMessage(ask.get("id").asText());

    assertThat(received.text()).isEqualTo("why does this fail?");
    assertThat(received.attachments()).singleElement().satisfies(file -> {
      assertThat(file.name()).isEqualTo("app.log");
      assertThat(file.mimeType()).startsWith("text/plain");
      assertThat(file.source().download(MAX)).isEqualTo(log);
    });
  }

  @Test
  void anExpiredLinkIsReportedReadablyAndTheNextFileStillArrives() throws InterruptedException {
    ObjectNode expired = DiscordPayloads.withAttachments(
        DiscordHarness.message(DM_CHANNEL_ID, null, "what is in this?", false),
        harness.discord.cdn().attachExpired(DM_CHANNEL_ID, "old.png", "image/png", TestFiles.png(16, 16)));
    harness.discord.userMessage(expired);

    Attachment gone = recording.awaitMessage(expired.get("id").asText()).attachments().getFirst();
    assertThatThrownBy(() -> gone.source().download(MAX))
        .isInstanceOfSatisfying(AttachmentUnavailableException.class, e -> {
          assertThat(e).hasMessage("its link on Discord expired, or the message was deleted");
          assertThat(e.tooLarge()).isFalse();
        });

    byte[] png = TestFiles.png(16, 16);
    ObjectNode next = DiscordPayloads.withAttachments(DiscordHarness.message(DM_CHANNEL_ID, null, "and this?", false),
        harness.discord.cdn().attach(DM_CHANNEL_ID, "new.png", "image/png", png));
    harness.discord.userMessage(next);
    assertThat(recording.awaitMessage(next.get("id").asText()).attachments().getFirst().source().download(MAX))
        .isEqualTo(png);
  }

  /** Passes everything to the real conversations, remembering each submitted message. */
  private static final class Recording {
    private final BlockingQueue<IncomingMessage> submitted = new LinkedBlockingQueue<>();

    Conversations around(Conversations real) {
      return new Conversations() {
        @Override
        public Submission submit(IncomingMessage message, ReplySinkFactory sinks) {
          submitted.add(message);
          return real.submit(message, sinks);
        }

        @Override
        public void stop(ConversationKey key) {
          real.stop(key);
        }

        @Override
        public Submission regenerate(RegenerateRequest request, ReplySinkFactory sinks) {
          return real.regenerate(request, sinks);
        }

        @Override
        public void reset(ConversationKey key) {
          real.reset(key);
        }
      };
    }

    IncomingMessage awaitMessage(String eventId) throws InterruptedException {
      long deadline = System.nanoTime() + DiscordHarness.WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        IncomingMessage next = submitted.poll(200, TimeUnit.MILLISECONDS);
        if (next != null && eventId.equals(next.eventId())) return next;
      }
      throw new AssertionError("never submitted: " + eventId);
    }
  }
}
