package dev.parley.discord.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;

/**
 * Discord's attachment CDN on the fake's own host: {@code /attachments/{channel}/{id}/{filename}}
 * with the signature parameters Discord adds ({@code ex} the expiry in hex seconds, {@code is}
 * the issue time, {@code hm} the signature), and the media proxy's copy under {@code /media/}. As
 * on Discord, a link whose signature is missing, wrong or expired, or whose file is gone, gets 404
 * {@code This content is no longer available.} The CDN needs no token; a request that carries the
 * bot's {@code Authorization} is served all the same but remembered, and the harness fails on it.
 */
public final class FakeDiscordCdn {
  static final String GONE = "This content is no longer available.";
  /** Discord signs links for about a day. */
  static final Duration LINK_LIFETIME = Duration.ofHours(24);

  /** One download the bot made. */
  public record Download(String path, String authorization, int status) {}

  private record StoredFile(byte[] bytes, String contentType, String signature) {}

  private final String baseUrl;
  private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
  private final List<Download> downloads = new CopyOnWriteArrayList<>();

  FakeDiscordCdn(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Puts a file on the CDN; returns its attachment object as a MESSAGE_CREATE carries it. */
  public ObjectNode attach(String channelId, String fileName, String contentType, byte[] bytes) {
    return attach(channelId, fileName, contentType, bytes, Instant.now().plus(LINK_LIFETIME));
  }

  /**
   * A voice message's one recording, as Discord's clients record it: {@code voice-message.ogg},
   * {@code audio/ogg}, with its duration and waveform. The message needs
   * {@link DiscordPayloads#voiceMessage} too.
   */
  public ObjectNode attachVoice(String channelId, byte[] ogg, double seconds) {
    ObjectNode attachment = attach(channelId, "voice-message.ogg", "audio/ogg", ogg);
    byte[] waveform = new byte[Math.max(1, Math.min(256, (int) (seconds * 10)))];
    ThreadLocalRandom.current().nextBytes(waveform);
    return attachment.put("duration_secs", seconds).put("waveform", Base64.getEncoder().encodeToString(waveform));
  }

  /** A file whose link expired before the bot got to it, as after a day in a queue. */
  public ObjectNode attachExpired(String channelId, String fileName, String contentType, byte[] bytes) {
    return attach(channelId, fileName, contentType, bytes, Instant.now().minus(Duration.ofMinutes(1)));
  }

  /** Every download, in order. */
  public List<Download> downloads() {
    return List.copyOf(downloads);
  }

  /** Downloads that sent an {@code Authorization} header: the token must never reach the CDN. */
  public List<Download> downloadsWithCredentials() {
    return downloads.stream().filter(d -> d.authorization() != null).toList();
  }

  static boolean serves(List<String> segments) {
    return !segments.isEmpty() && (segments.getFirst().equals("attachments")
        || segments.size() > 1 && segments.get(0).equals("media") && segments.get(1).equals("attachments"));
  }

  MockResponse serve(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    List<String> segments = url.pathSegments();
    String key = String.join("/", segments.getFirst().equals("media") ? segments.subList(1, segments.size()) : segments);
    StoredFile file = files.get(key);
    MockResponse response = request.getMethod().equals("GET") && file != null && signed(url, file)
        ? new MockResponse.Builder().code(200).addHeader("Content-Type", file.contentType())
            .body(new Buffer().write(file.bytes())).build()
        : new MockResponse.Builder().code(404).addHeader("Content-Type", "text/plain").body(GONE).build();
    downloads.add(new Download(url.encodedPath(), request.getHeaders().get("Authorization"), response.getCode()));
    return response;
  }

  private ObjectNode attach(String channelId, String fileName, String contentType, byte[] bytes, Instant expires) {
    String id = Snowflakes.now();
    String key = "attachments/" + channelId + "/" + id + "/" + fileName;
    String signature = HexFormat.of().formatHex(randomBytes(32));
    files.put(key, new StoredFile(bytes.clone(), contentType, signature));
    String query = "?ex=" + Long.toHexString(expires.getEpochSecond()) + "&is="
        + Long.toHexString(Instant.now().getEpochSecond()) + "&hm=" + signature + "&";
    return DiscordPayloads.attachment(id, fileName, contentType, bytes.length, baseUrl + key + query,
        baseUrl + "media/" + key + query);
  }

  private static boolean signed(HttpUrl url, StoredFile file) {
    String ex = url.queryParameter("ex");
    if (ex == null || !file.signature().equals(url.queryParameter("hm"))) return false;
    try {
      return Instant.ofEpochSecond(Long.parseLong(ex, 16)).isAfter(Instant.now());
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
