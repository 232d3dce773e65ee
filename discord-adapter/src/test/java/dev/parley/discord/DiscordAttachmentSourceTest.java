package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.AttachmentUnavailableException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Downloads from a CDN that answers as Discord's does: signed links, no token, 404 once expired. */
class DiscordAttachmentSourceTest {
  private static final String SIGNED = "/attachments/1300000000000000003/1310000000000000701/shot.png"
      + "?ex=6752f1a3&is=6751a023&hm=9f1c2be0d5a6&";

  private final MockWebServer cdnServer = new MockWebServer();
  private final DiscordCdn cdn = DiscordCdn.withDefaults();

  @BeforeEach
  void start() throws IOException {
    cdnServer.start();
  }

  @AfterEach
  void stop() {
    cdnServer.close();
    cdn.close();
  }

  @Test
  void downloadsTheSignedLinkAsSentAndSendsNoCredentials() throws InterruptedException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 1, 2, 3};
    cdnServer.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "image/png")
        .body(new Buffer().write(png)).build());

    byte[] bytes = source("shot.png", png.length).download(1024);

    assertThat(bytes).isEqualTo(png);
    RecordedRequest request = cdnServer.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo(SIGNED);
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void aFileAnnouncedLargerThanTheLimitIsRefusedWithoutARequest() {
    assertThatThrownBy(() -> source("big.pdf", 5_000).download(4_999))
        .isInstanceOfSatisfying(AttachmentUnavailableException.class, e -> {
          assertThat(e.tooLarge()).isTrue();
          assertThat(e).hasMessage("big.pdf is larger than 4999 bytes");
        });
    assertThat(cdnServer.getRequestCount()).isZero();
  }

  @Test
  void aServedLengthLargerThanTheLimitIsRefusedBeforeTheBodyIsRead() {
    cdnServer.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[2_000])).build());

    assertThatThrownBy(() -> source("shot.png", -1).download(1_999))
        .isInstanceOfSatisfying(AttachmentUnavailableException.class, e -> assertThat(e.tooLarge()).isTrue());
  }

  @Test
  void aBodyWithoutALengthIsReadOnlyUntilItPassesTheLimit() {
    AtomicLong written = new AtomicLong();
    cdnServer.enqueue(new MockResponse.Builder().code(200).body(endless(written)).build());

    assertThatThrownBy(() -> source("stream.log", -1).download(64 * 1024))
        .isInstanceOfSatisfying(AttachmentUnavailableException.class, e -> assertThat(e.tooLarge()).isTrue());
    // What the sockets buffered besides, but far from the endless body.
    assertThat(written.get()).isLessThan(16L * 1024 * 1024);
  }

  @Test
  void aFileOfExactlyTheLimitIsTaken() {
    cdnServer.enqueue(new MockResponse.Builder().code(200).chunkedBody(new Buffer().write(new byte[4096]), 1000)
        .build());

    assertThat(source("exact.bin", 4096).download(4096)).hasSize(4096);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource(delimiter = '|', value = {
      "404 | its link on Discord expired, or the message was deleted",
      "403 | Discord refused access to it (HTTP 403)",
      "429 | Discord's file server is busy or failing (HTTP 429); please try again",
      "503 | Discord's file server is busy or failing (HTTP 503); please try again",
      "410 | Discord's file server answered HTTP 410"})
  void aRefusalBecomesAReadableUnavailableFile(int status, String message) {
    cdnServer.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", "text/plain")
        .body("This content is no longer available.").build());

    assertThatThrownBy(() -> source("shot.png", 100).download(1024))
        .isInstanceOfSatisfying(AttachmentUnavailableException.class, e -> {
          assertThat(e).hasMessage(message);
          assertThat(e.tooLarge()).isFalse();
        });
  }

  @Test
  void aNetworkFaultBecomesAReadableUnavailableFile() {
    String link = cdnServer.url(SIGNED).toString();
    cdnServer.close();

    assertThatThrownBy(() -> cdn.source("shot.png", link, 100).download(1024))
        .isInstanceOfSatisfying(AttachmentUnavailableException.class, e -> {
          assertThat(e).hasMessageStartingWith("Discord could not be reached (ConnectException");
          assertThat(e.tooLarge()).isFalse();
          assertThat(e.getCause()).isInstanceOf(IOException.class);
        });
  }

  @Test
  void aLinkThatIsNotAWebAddressIsRefusedReadably() {
    assertThatThrownBy(() -> cdn.source("shot.png", "attachment://shot.png", 100).download(1024))
        .isInstanceOf(AttachmentUnavailableException.class)
        .hasMessage("Discord gave no usable link for it");
  }

  @Test
  void anInterruptedDownloadEndsAtOnceAndKeepsTheInterruptForTheCore() throws Exception {
    // A CDN that never answers: only the interrupt (the core's Stop) can end the wait.
    cdnServer.enqueue(new MockResponse.Builder().code(200).headersDelay(1, TimeUnit.HOURS).body("late").build());
    var outcome = new java.util.concurrent.CompletableFuture<Throwable>();
    var stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
    Thread worker = Thread.ofVirtual().start(() -> {
      try {
        source("slow.png", 4).download(1024);
        outcome.complete(null);
      } catch (RuntimeException e) {
        stillInterrupted.set(Thread.currentThread().isInterrupted());
        outcome.complete(e);
      }
    });
    cdnServer.takeRequest(5, TimeUnit.SECONDS);

    worker.interrupt();

    assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(AttachmentUnavailableException.class);
    assertThat(stillInterrupted).as("the core tells a Stop from a fault by the interrupt").isTrue();
  }

  private DiscordAttachmentSource source(String name, long announcedSize) {
    return cdn.source(name, cdnServer.url(SIGNED).toString(), announcedSize);
  }

  /** A body with no length that never ends; counts what the server managed to write. */
  private static MockResponseBody endless(AtomicLong written) {
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] chunk = new byte[8192];
        while (written.get() < 1L << 30) {
          sink.write(chunk);
          sink.flush();
          written.addAndGet(chunk.length);
        }
      }
    };
  }
}
