package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.parley.core.api.Attachment;
import dev.parley.core.api.AttachmentUnavailableException;
import dev.parley.slack.e2e.FakeSlack;
import dev.parley.slack.e2e.FakeSlackFile;
import dev.parley.slack.e2e.FakeSlackFiles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack file downloader, with real OkHttp and the real Slack SDK against the fake Slack's file endpoints. */
class SlackFileDownloadsTest {
  private static final byte[] LOG = "2026-01-01 ERROR connection refused\n".getBytes(StandardCharsets.UTF_8);

  private FakeSlack slack;
  private SlackFileDownloads downloads;

  @BeforeEach
  void start() {
    slack = FakeSlack.start();
    downloads = downloads(FakeSlack.BOT_TOKEN);
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void downloadsTheFileFromSlacksFileHostWithTheBotToken() {
    FakeSlackFile log = slack.shareFile("server.log", "text/plain", LOG);

    byte[] bytes = fetch(log, 1_000);

    assertThat(bytes).isEqualTo(LOG);
    FakeSlackFiles.Download download = slack.downloads().get(0);
    assertThat(download.path()).endsWith("/download/server.log");
    assertThat(download.token()).isEqualTo(FakeSlack.BOT_TOKEN);
  }

  @Test
  void aFileWhoseDetailsSlackWithheldIsDescribedByFilesInfoThenDownloaded() {
    FakeSlackFile report = slack.shareFile("report.csv", "text/csv", LOG);
    SlackFile stub = SlackFile.fromJson(report.connectJson()).orElseThrow();

    List<Attachment> described = downloads.describe(List.of(stub.toAttachment(downloads.sourceFor(stub))));

    Attachment attachment = described.get(0);
    assertThat(attachment.name()).isEqualTo("report.csv");
    assertThat(attachment.mimeType()).isEqualTo("text/csv");
    assertThat(attachment.sizeBytes()).isEqualTo(LOG.length);
    assertThat(attachment.source().download(1_000)).isEqualTo(LOG);
    assertThat(slack.calls("files.info")).singleElement().satisfies(call -> {
      assertThat(call.param("file")).isEqualTo(report.id());
      assertThat(call.token()).isEqualTo(FakeSlack.BOT_TOKEN);
    });
  }

  @Test
  void aStubThatWasNotDescribedAsksFilesInfoWhenItIsDownloaded() {
    FakeSlackFile report = slack.shareFile("report.csv", "text/csv", LOG);
    SlackFile stub = SlackFile.fromJson(report.connectJson()).orElseThrow();

    assertThat(downloads.sourceFor(stub).download(1_000)).isEqualTo(LOG);
    assertThat(slack.calls("files.info")).hasSize(1);
  }

  @Test
  void aFileAnnouncedLargerThanTheLimitIsRefusedWithoutAskingSlack() {
    FakeSlackFile big = slack.shareFile("big.log", "text/plain", new byte[2_000]);

    AttachmentUnavailableException refused = catchThrowableOfType(AttachmentUnavailableException.class,
        () -> fetch(big, 1_000));

    assertThat(refused.tooLarge()).isTrue();
    assertThat(slack.downloads()).isEmpty();
  }

  @Test
  void aFileLargerThanItsHeadersSayIsRefusedBeforeItIsRead() {
    FakeSlackFile big = slack.shareFile("big.log", "text/plain", new byte[5_000]);
    SlackFile unannounced = new SlackFile(big.id(), big.name(), "text/plain", -1, null, big.urlPrivateDownload(),
        false, false);

    AttachmentUnavailableException refused = catchThrowableOfType(AttachmentUnavailableException.class,
        () -> downloads.download(unannounced, 4_999));

    assertThat(refused.tooLarge()).isTrue();
  }

  @Test
  void readingStopsOnceTheLimitIsPassedWhenNothingAnnouncedTheSize() {
    FakeSlackFile big = slack.shareFile("big.log", "text/plain", new byte[5_000]);
    big.sendWithoutLength();
    SlackFile unannounced = new SlackFile(big.id(), big.name(), "text/plain", -1, null, big.urlPrivateDownload(),
        false, false);

    AttachmentUnavailableException refused = catchThrowableOfType(AttachmentUnavailableException.class,
        () -> downloads.download(unannounced, 4_999));

    assertThat(refused.tooLarge()).isTrue();
    assertThat(downloads.download(unannounced, 5_000)).hasSize(5_000);
  }

  @Test
  void slacksSignInPageInsteadOfTheFileIsAClearFailure() {
    slack.expectError("sign_in_page");
    FakeSlackFile shot = slack.shareFile("shot.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    AttachmentUnavailableException refused = catchThrowableOfType(AttachmentUnavailableException.class,
        () -> downloads("xoxb-a-token-without-files-read").sourceFor(fileOf(shot)).download(1_000));

    assertThat(refused.tooLarge()).isFalse();
    assertThat(refused.getMessage()).startsWith("Slack answered with its sign-in page instead of the file")
        .contains("files:read").doesNotContain("xoxb-");
  }

  @Test
  void aDeletedFileIsAClearFailureWhetherDownloadedOrDescribed() {
    slack.expectError("file_not_found");
    FakeSlackFile gone = slack.shareFile("gone.txt", "text/plain", LOG);
    gone.delete();

    AttachmentUnavailableException downloaded = catchThrowableOfType(AttachmentUnavailableException.class,
        () -> fetch(gone, 1_000));
    AttachmentUnavailableException described = catchThrowableOfType(AttachmentUnavailableException.class,
        () -> downloads.sourceFor(SlackFile.fromJson(gone.connectJson()).orElseThrow()).download(1_000));

    assertThat(downloaded.getMessage()).isEqualTo("it was deleted, or Parley cannot see it (HTTP 404)");
    assertThat(described.getMessage()).isEqualTo("it was deleted, or Parley cannot see it (file_not_found)");
  }

  @Test
  void theTokenIsNeverSentToAnAddressOffSlacksFileHost() {
    FakeSlackFile shot = slack.shareFile("shot.png", "image/png", LOG);
    SlackFile elsewhere = new SlackFile(shot.id(), "shot.png", "image/png", LOG.length, shot.elsewhereUrl(), null,
        false, false);

    AttachmentUnavailableException refused = catchThrowableOfType(AttachmentUnavailableException.class,
        () -> downloads.download(elsewhere, 1_000));

    assertThat(refused.getMessage())
        .isEqualTo("its address is not on Slack's file host 127.0.0.1, so Parley did not send its token there");
    assertThat(slack.downloads()).isEmpty();
  }

  @Test
  void aRedirectToAnotherHostIsFollowedWithoutTheToken() {
    FakeSlackFile shot = slack.shareFile("shot.png", "image/png", LOG);
    shot.redirectTo(shot.elsewhereUrl());

    assertThat(fetch(shot, 1_000)).isEqualTo(LOG);

    List<FakeSlackFiles.Download> hops = slack.downloads();
    assertThat(hops).hasSize(2);
    assertThat(hops.get(0).status()).isEqualTo(302);
    assertThat(hops.get(0).token()).isEqualTo(FakeSlack.BOT_TOKEN);
    assertThat(hops.get(1).host()).startsWith("localhost:");
    assertThat(hops.get(1).token()).isNull();
  }

  @Test
  void aRedirectOnSlacksFileHostKeepsTheTokenAndEndlessRedirectsStop() {
    FakeSlackFile shot = slack.shareFile("shot.png", "image/png", LOG);
    shot.redirectTo(shot.urlPrivate());

    AttachmentUnavailableException refused = catchThrowableOfType(AttachmentUnavailableException.class,
        () -> fetch(shot, 1_000));

    assertThat(refused.getMessage()).contains("redirected the download too often");
    assertThat(slack.downloads()).hasSize(SlackFileDownloads.MAX_REDIRECTS + 1)
        .allSatisfy(hop -> assertThat(hop.token()).isEqualTo(FakeSlack.BOT_TOKEN));
  }

  @Test
  void stoppingTheTurnEndsADownloadSlackIsSlowToAnswer() throws Exception {
    FakeSlackFile slow = slack.shareFile("slow.log", "text/plain", LOG);
    slow.answerAfter(Duration.ofSeconds(30));
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    // The core reads attachments on a virtual thread, and Stop interrupts it.
    Thread turn = Thread.ofVirtual().start(() -> {
      try {
        fetch(slow, 1_000);
        failure.complete(null);
      } catch (RuntimeException e) {
        failure.complete(e);
      }
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> !slack.downloads().isEmpty());

    turn.interrupt();

    assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(AttachmentUnavailableException.class);
  }

  private byte[] fetch(FakeSlackFile file, long maxBytes) {
    return downloads.sourceFor(fileOf(file)).download(maxBytes);
  }

  private static SlackFile fileOf(FakeSlackFile file) {
    return SlackFile.fromJson(file.json()).orElseThrow();
  }

  private SlackFileDownloads downloads(String token) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.apiUrl());
    return new SlackFileDownloads(new OkHttpClient(), Slack.getInstance(config).methods(token), token,
        slack.filesUrl());
  }
}
