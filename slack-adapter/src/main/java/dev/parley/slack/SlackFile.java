package dev.parley.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.Attachment;
import dev.parley.core.api.AttachmentSource;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One file of a Slack message, as an event's {@code files[]} entry or {@code files.info} describes
 * it (Slack's file object). Pure value; the bytes are fetched by {@link SlackFileDownloads}.
 *
 * @param id the file id ({@code F…}), which {@code files.info} takes
 * @param name the file name, or the id when Slack gave none
 * @param mimeType the content type, already corrected for audio clips; empty when unknown
 * @param sizeBytes the size Slack announced, or -1
 * @param urlPrivate {@code url_private}, or null
 * @param urlPrivateDownload {@code url_private_download}, or null
 * @param checkFileInfo whether Slack withheld the file's details from the event
 *     ({@code "file_access": "check_file_info"}, as for files shared in Slack Connect channels), so
 *     they must be read with {@code files.info} first
 * @param audioClip whether it is a clip recorded in Slack ({@code "subtype": "slack_audio"}),
 *     which Parley treats as a voice message
 */
record SlackFile(String id, String name, String mimeType, long sizeBytes, String urlPrivate, String urlPrivateDownload,
    boolean checkFileInfo, boolean audioClip) {

  /** Modes of entries that stand for no file the bot can read: deleted, or hidden by a plan's limits. */
  private static final Set<String> NO_FILE_MODES = Set.of("tombstone", "hidden_by_limit");

  SlackFile {
    Objects.requireNonNull(id, "id");
    name = name == null || name.isBlank() ? id : name;
    mimeType = clipType(Objects.requireNonNullElse(mimeType, ""), audioClip);
  }

  /** The entry as a file, or empty when it names none ({@code id} missing, deleted, hidden). */
  static Optional<SlackFile> fromJson(JsonNode file) {
    String id = text(file, "id");
    String mode = text(file, "mode");
    if (id == null || (mode != null && NO_FILE_MODES.contains(mode))) return Optional.empty();
    JsonNode size = file.path("size");
    String name = text(file, "name");
    return Optional.of(new SlackFile(id, name != null ? name : text(file, "title"), text(file, "mimetype"),
        size.isIntegralNumber() && size.longValue() >= 0 ? size.longValue() : -1,
        text(file, "url_private"), text(file, "url_private_download"),
        "check_file_info".equals(text(file, "file_access")), "slack_audio".equals(text(file, "subtype"))));
  }

  /** Where the bytes are: the download URL when there is one, else {@code url_private}; null when neither. */
  String downloadUrl() {
    return urlPrivateDownload != null ? urlPrivateDownload : urlPrivate;
  }

  /** Whether {@code files.info} must be asked before the file can be described or downloaded. */
  boolean needsFileInfo() {
    return checkFileInfo || downloadUrl() == null;
  }

  Attachment toAttachment(AttachmentSource source) {
    return new Attachment(name, mimeType, sizeBytes, audioClip, source);
  }

  /**
   * Slack serves clips recorded in the app with a video type ({@code video/mp4},
   * {@code video/webm}) even when they hold only sound; the core routes by type, so a clip is
   * named as the audio it is.
   */
  private static String clipType(String mimeType, boolean audioClip) {
    return audioClip && mimeType.startsWith("video/") ? "audio/" + mimeType.substring("video/".length()) : mimeType;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() || value.asText().isEmpty() ? null : value.asText();
  }
}
