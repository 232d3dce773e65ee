package dev.parley.core.api;

import java.util.Objects;

/**
 * A file that came with a message, as the platform described it: an image, a text file or PDF,
 * an audio clip or voice message. The bytes are not here: the core fetches them through
 * {@link #source()} only when it uses the file, within its own size bounds, and never stores them.
 *
 * @param name the file name as the user sees it, such as {@code screenshot.png}
 * @param mimeType the platform's content type, such as {@code image/png}; may be empty when unknown
 * @param sizeBytes the size the platform announced, or -1 when unknown
 * @param voiceMessage whether the platform marks it as a voice message (Discord's flag, Slack's
 *     audio clips), which is transcribed and answered like typed text
 */
public record Attachment(String name, String mimeType, long sizeBytes, boolean voiceMessage, AttachmentSource source) {

  public Attachment {
    Objects.requireNonNull(name, "name");
    mimeType = Objects.requireNonNullElse(mimeType, "");
    Objects.requireNonNull(source, "source");
  }
}
