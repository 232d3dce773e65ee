package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.File;
import dev.parley.core.api.Attachment;
import dev.parley.core.api.AttachmentSource;
import dev.parley.core.api.AttachmentUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the files people share with Parley in Slack. Slack's files are private: their
 * {@code url_private} answers only with the bot token in an {@code Authorization: Bearer} header
 * (and the app's {@code files:read} scope), so the token must reach Slack's file host and no other.
 * A URL elsewhere is refused unasked; a redirect to another host is followed without the token, and
 * never from https down to http. Without valid credentials Slack answers 200 with its sign-in page,
 * which is told from the file by its HTML type. Reading stops once the core's limit is passed.
 *
 * <p>Thread-safe; every method blocks and is called on a worker thread, never on an event thread.
 */
final class SlackFileDownloads {
  private static final Logger log = LoggerFactory.getLogger(SlackFileDownloads.class);
  static final int MAX_REDIRECTS = 5;

  private final OkHttpClient http;
  private final MethodsClient methods;
  private final String botToken;
  private final HttpUrl filesHost;

  /**
   * @param http a client that does not follow redirects by itself; this class follows them
   * @param filesUrl Slack's file host ({@link SlackSettings#filesUrl()}), the one origin the bot
   *     token is sent to
   */
  SlackFileDownloads(OkHttpClient http, MethodsClient methods, String botToken, String filesUrl) {
    this.http = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
    this.methods = Objects.requireNonNull(methods, "methods");
    this.botToken = Objects.requireNonNull(botToken, "botToken");
    this.filesHost = Objects.requireNonNull(HttpUrl.parse(filesUrl), "filesUrl is not an http(s) URL");
  }

  /** What fetches {@code file} when the core asks; making it does no I/O. */
  AttachmentSource sourceFor(SlackFile file) {
    return new Source(file, this);
  }

  /**
   * The attachments with every Slack file whose details the event withheld ({@code check_file_info})
   * described by {@code files.info}, so the core sees its real name and type. One that cannot be
   * described stays as it was; its download tries again and fails with a reason the user is told.
   */
  List<Attachment> describe(List<Attachment> attachments) {
    return attachments.stream().map(this::described).toList();
  }

  private Attachment described(Attachment attachment) {
    if (!(attachment.source() instanceof Source(SlackFile file, SlackFileDownloads owner)) || owner != this
        || !file.checkFileInfo()) {
      return attachment;
    }
    try {
      SlackFile full = info(file);
      return full.toAttachment(sourceFor(full));
    } catch (AttachmentUnavailableException e) {
      return attachment;
    }
  }

  byte[] download(SlackFile file, long maxBytes) {
    SlackFile target = file.needsFileInfo() ? info(file) : file;
    if (target.sizeBytes() > maxBytes) throw AttachmentUnavailableException.tooLarge(target.name(), maxBytes);
    HttpUrl url = target.downloadUrl() == null ? null : HttpUrl.parse(target.downloadUrl());
    if (url == null) throw unavailable(target, "Slack gave no address to download it from", null);
    if (!onFilesHost(url)) {
      throw unavailable(target, "its address is not on Slack's file host " + filesHost.host()
          + ", so Parley did not send its token there", null);
    }
    for (int hop = 0; ; hop++) {
      Request.Builder request = new Request.Builder().url(url).get();
      // The token goes only to Slack's file host; a redirect elsewhere is followed without it.
      if (onFilesHost(url)) request.header("Authorization", "Bearer " + botToken);
      try (Response response = http.newCall(request.build()).execute()) {
        if (!response.isRedirect()) return body(target, response, maxBytes);
        url = redirectTarget(target, response, hop);
      } catch (IOException e) {
        throw unavailable(target, "the download from Slack failed (" + e.getClass().getSimpleName() + ")", e);
      }
    }
  }

  private HttpUrl redirectTarget(SlackFile file, Response response, int hop) {
    if (hop + 1 > MAX_REDIRECTS) throw unavailable(file, "Slack redirected the download too often", null);
    String location = response.header("Location");
    HttpUrl next = location == null ? null : response.request().url().resolve(location);
    if (next == null) throw unavailable(file, "Slack redirected the download nowhere", null);
    if (response.request().url().isHttps() && !next.isHttps()) {
      throw unavailable(file, "Slack redirected the download to an unencrypted address", null);
    }
    return next;
  }

  private byte[] body(SlackFile file, Response response, long maxBytes) throws IOException {
    if (!response.isSuccessful()) {
      throw unavailable(file, response.code() == 404 || response.code() == 410
          ? "it was deleted, or Parley cannot see it (HTTP " + response.code() + ")"
          : "Slack answered HTTP " + response.code(), null);
    }
    ResponseBody body = response.body();
    String type = body.contentType() == null ? "" : body.contentType().type() + "/" + body.contentType().subtype();
    if (type.equals("text/html") && !file.mimeType().toLowerCase(Locale.ROOT).startsWith("text/html")) {
      throw unavailable(file, "Slack answered with its sign-in page instead of the file: the Slack app needs the "
          + "files:read scope (reinstall it after adding the scope)", null);
    }
    if (body.contentLength() > maxBytes) throw AttachmentUnavailableException.tooLarge(file.name(), maxBytes);
    // One byte past the limit tells a file of exactly the limit from a larger one, without reading the rest.
    int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16) + 1;
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes(cap);
      if (bytes.length > maxBytes) throw AttachmentUnavailableException.tooLarge(file.name(), maxBytes);
      return bytes;
    }
  }

  /** The file as {@code files.info} describes it now. */
  SlackFile info(SlackFile file) {
    File described;
    try {
      described = SlackCalls.call("files.info", () -> methods.filesInfo(r -> r.file(file.id()))).getFile();
    } catch (SlackCallException e) {
      throw unavailable(file, reasonFor(e.error()), e);
    }
    if (described == null) throw unavailable(file, "files.info described no file", null);
    String name = described.getName() != null ? described.getName() : described.getTitle();
    return new SlackFile(file.id(), name != null ? name : file.name(), described.getMimetype(),
        described.getSize() == null ? -1 : described.getSize(), described.getUrlPrivate(),
        described.getUrlPrivateDownload(), false, file.audioClip() || "slack_audio".equals(described.getSubtype()));
  }

  private static String reasonFor(String error) {
    return switch (error) {
      case "file_not_found", "file_deleted" -> "it was deleted, or Parley cannot see it (" + error + ")";
      case "missing_scope" -> "the Slack app lacks the files:read scope (reinstall it after adding the scope)";
      default -> "Slack refused to describe it (" + error + ")";
    };
  }

  private boolean onFilesHost(HttpUrl url) {
    return url.scheme().equals(filesHost.scheme()) && url.host().equals(filesHost.host())
        && url.port() == filesHost.port();
  }

  /**
   * A failure whose message is the reason alone, written to follow the file's name in a notice
   * ("Parley could not download shot.png: it was deleted, or Parley cannot see it (HTTP 404)").
   */
  private static AttachmentUnavailableException unavailable(SlackFile file, String reason, Throwable cause) {
    log.info("slack file unavailable: file={} reason={}", file.id(), reason);
    return new AttachmentUnavailableException(reason, false, cause);
  }

  /** One file's bytes, fetched on demand. */
  record Source(SlackFile file, SlackFileDownloads downloads) implements AttachmentSource {
    @Override
    public byte[] download(long maxBytes) {
      return downloads.download(file, maxBytes);
    }
  }
}
