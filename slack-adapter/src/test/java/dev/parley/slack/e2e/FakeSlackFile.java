package dev.parley.slack.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * A file a user shared in the fake Slack. Its {@link #json()} is Slack's file object as events and
 * {@code files.info} carry it, with {@code url_private} and {@code url_private_download} on the
 * fake's own host; {@link #connectJson()} is the stub Slack sends instead for a file shared in a
 * Slack Connect channel ({@code "file_access": "check_file_info"}).
 */
public final class FakeSlackFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeSlack slack;
  private final String id;
  private final String name;
  private final String mimetype;
  private final byte[] bytes;
  private final boolean audioClip;
  private volatile boolean deleted;
  private volatile String redirect;
  private volatile boolean withoutLength;
  private volatile java.time.Duration headersDelay = java.time.Duration.ZERO;

  FakeSlackFile(FakeSlack slack, String id, String name, String mimetype, byte[] bytes, boolean audioClip) {
    this.slack = slack;
    this.id = id;
    this.name = name;
    this.mimetype = mimetype;
    this.bytes = bytes.clone();
    this.audioClip = audioClip;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@code url_private}: the file itself, which wants the bot token. */
  public String urlPrivate() {
    return slack.baseUrl() + filesPath() + "/" + name;
  }

  /** {@code url_private_download}: the same bytes, served as a download. */
  public String urlPrivateDownload() {
    return slack.baseUrl() + filesPath() + "/download/" + name;
  }

  /** Where another host (a CDN) serves the same bytes without a token: {@code localhost} instead of 127.0.0.1. */
  public String elsewhereUrl() {
    return "http://localhost:" + slack.port() + "/elsewhere/" + id + "/" + name;
  }

  /** From now on the file is gone: downloads answer 404 and {@code files.info} {@code file_not_found}. */
  public void delete() {
    deleted = true;
  }

  /** Downloads answer 302 to {@code location} (after checking the token) instead of the bytes. */
  public void redirectTo(String location) {
    redirect = location;
  }

  /** Downloads are sent chunked, with no {@code Content-Length}: the reader learns the size only by reading. */
  public void sendWithoutLength() {
    withoutLength = true;
  }

  /** Downloads answer only after {@code delay}, as a slow file host would. */
  public void answerAfter(java.time.Duration delay) {
    headersDelay = delay;
  }

  /** Slack's file object, as an event's {@code files[]} entry and {@code files.info} carry it. */
  public ObjectNode json() {
    String type = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "binary";
    ObjectNode file = JSON.createObjectNode().put("id", id).put("created", 1_767_225_600L)
        .put("timestamp", 1_767_225_600L).put("name", name).put("title", name).put("mimetype", mimetype)
        .put("filetype", type).put("pretty_type", type.toUpperCase(Locale.ROOT)).put("user", "U0ADA")
        .put("user_team", FakeSlack.TEAM).put("editable", false).put("size", bytes.length).put("mode", "hosted")
        .put("is_external", false).put("external_type", "").put("is_public", false).put("public_url_shared", false)
        .put("display_as_bot", false).put("username", "").put("url_private", urlPrivate())
        .put("url_private_download", urlPrivateDownload())
        .put("permalink", "https://parley-test.slack.com/files/U0ADA/" + id + "/" + name)
        .put("permalink_public", "https://slack-files.com/" + FakeSlack.TEAM + "-" + id + "-0123456789")
        .put("file_access", "visible").put("has_rich_preview", false);
    if (audioClip) {
      file.put("subtype", "slack_audio").put("media_display_type", "audio").put("duration_ms", 4200);
      file.putObject("transcription").put("status", "none");
    }
    return file;
  }

  /** The stub an event carries for a file shared in a Slack Connect channel: only {@code files.info} tells more. */
  public ObjectNode connectJson() {
    return JSON.createObjectNode().put("id", id).put("mode", "file_access").put("file_access", "check_file_info")
        .put("created", 0).put("timestamp", 0).put("user", "");
  }

  boolean deleted() {
    return deleted;
  }

  String redirect() {
    return redirect;
  }

  java.time.Duration headersDelay() {
    return headersDelay;
  }

  boolean withoutLength() {
    return withoutLength;
  }

  /** The type the bytes are served with: the file's own (a clip recorded in Slack may be {@code video/mp4}). */
  String servedType() {
    return mimetype;
  }

  boolean serves(String path) {
    return path.startsWith(filesPath() + "/") || path.startsWith("/elsewhere/" + id + "/");
  }

  private String filesPath() {
    return "/files-pri/" + FakeSlack.TEAM + "-" + id;
  }
}
