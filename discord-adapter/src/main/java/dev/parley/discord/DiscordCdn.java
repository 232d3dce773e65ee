package dev.parley.discord;

import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Where attachments are downloaded from: the signed CDN links ({@code url}) Discord puts in a
 * message's attachment objects. It owns its own HTTP client rather than JDA's, so the REST
 * interceptors (rate-limit buckets, {@code Retry-After}) never see a file download, and nothing
 * that authorises REST calls can reach the CDN: the links are signed, and the bot token is never
 * sent with them. Thread-safe; closed by the bot when it stops.
 */
final class DiscordCdn implements AutoCloseable {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  /** A 25 MB voice message on a slow link still fits; a stalled download does not hold a turn forever. */
  static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

  private final OkHttpClient http;

  DiscordCdn(OkHttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  static DiscordCdn withDefaults() {
    return new DiscordCdn(new OkHttpClient.Builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .callTimeout(CALL_TIMEOUT)
        .build());
  }

  /**
   * The source of one attachment; sends nothing until the core downloads it.
   *
   * @param url the attachment's signed {@code url}, exactly as Discord sent it (its {@code ex},
   *     {@code is} and {@code hm} parameters are the signature)
   * @param announcedSize the attachment's {@code size}, or -1 when unknown
   */
  DiscordAttachmentSource source(String fileName, String url, long announcedSize) {
    return new DiscordAttachmentSource(fileName, url, announcedSize, http);
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
