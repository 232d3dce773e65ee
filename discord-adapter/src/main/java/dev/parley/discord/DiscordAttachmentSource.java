package dev.parley.discord;

import dev.parley.core.api.AttachmentSource;
import dev.parley.core.api.AttachmentUnavailableException;
import dev.parley.core.api.RedactedUrl;
import java.io.IOException;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * One Discord attachment's bytes, fetched from its signed CDN link with a plain GET: no bot token,
 * which the CDN does not need and must never see. The read is bounded: a file announced or served
 * larger than the core takes is refused unread, and a body without a length is read only until it
 * passes {@code maxBytes} (plus what one socket read buffers). Thread-safe; each download is one
 * request. An interrupt (the core's Stop) ends a download at once and stays set on the thread.
 *
 * <p>A fault's message is the reason alone, such as "its link on Discord expired, or the message
 * was deleted": the core's notice names the file before it.
 */
final class DiscordAttachmentSource implements AttachmentSource {
  private final String fileName;
  private final String url;
  private final long announcedSize;
  private final OkHttpClient http;

  DiscordAttachmentSource(String fileName, String url, long announcedSize, OkHttpClient http) {
    this.fileName = Objects.requireNonNull(fileName, "fileName");
    this.url = Objects.requireNonNull(url, "url");
    this.announcedSize = announcedSize;
    this.http = Objects.requireNonNull(http, "http");
  }

  /** The link the bytes come from: the attachment's {@code url}, not the media proxy's. */
  String url() {
    return url;
  }

  @Override
  public byte[] download(long maxBytes) {
    if (announcedSize > maxBytes) throw AttachmentUnavailableException.tooLarge(fileName, maxBytes);
    HttpUrl link = HttpUrl.parse(url);
    if (link == null) throw unavailable("Discord gave no usable link for it", null);
    try (Response response = http.newCall(new Request.Builder().url(link).get().build()).execute()) {
      if (!response.isSuccessful()) throw refused(response.code());
      long length = response.body().contentLength();
      if (length > maxBytes) throw AttachmentUnavailableException.tooLarge(fileName, maxBytes);
      return boundedRead(response.body().source(), maxBytes);
    } catch (IOException e) {
      throw unavailable("Discord could not be reached (" + reason(e) + ")", e);
    }
  }

  /** Asks for one byte more than allowed: enough to know the file is too large. */
  private byte[] boundedRead(BufferedSource body, long maxBytes) throws IOException {
    long oneMore = maxBytes == Long.MAX_VALUE ? maxBytes : maxBytes + 1;
    if (body.request(oneMore)) throw AttachmentUnavailableException.tooLarge(fileName, maxBytes);
    return body.readByteArray();
  }

  private AttachmentUnavailableException refused(int status) {
    String why = switch (status) {
      // Signed links expire after about a day, and a deleted message's files go with it.
      case 404 -> "its link on Discord expired, or the message was deleted";
      case 401, 403 -> "Discord refused access to it (HTTP " + status + ")";
      default -> status == 429 || status >= 500
          ? "Discord's file server is busy or failing (HTTP " + status + "); please try again"
          : "Discord's file server answered HTTP " + status;
    };
    return unavailable(why, null);
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + RedactedUrl.inText(message);
  }

  private static AttachmentUnavailableException unavailable(String message, Throwable cause) {
    return new AttachmentUnavailableException(message, false, cause);
  }

  @Override
  public String toString() {
    return "DiscordAttachmentSource[" + fileName + "]";
  }
}
