package dev.parley.core.internal.attachments;

import dev.parley.core.internal.llm.ContentPart;
import java.util.List;
import java.util.Objects;

/**
 * What a message's attachments gave, in the order they were attached. Held only while the turn
 * runs: none of it is stored, except what {@link #placeholders()} and the transcripts say.
 *
 * @param images the images to send, already within Groq's bounds
 * @param files the text of text files and PDFs, each at most the configured characters
 * @param transcripts what was heard in audio and voice messages
 * @param notices one readable sentence per attachment that could not be used, or was cut
 * @param placeholders what history keeps of the files, such as {@code [image: screenshot.png]}
 */
public record ReadAttachments(List<Image> images, List<FileText> files, List<Transcript> transcripts,
    List<String> notices, List<String> placeholders) {

  public static final ReadAttachments NONE = new ReadAttachments(List.of(), List.of(), List.of(), List.of(), List.of());

  public ReadAttachments {
    images = List.copyOf(images);
    files = List.copyOf(files);
    transcripts = List.copyOf(transcripts);
    notices = List.copyOf(notices);
    placeholders = List.copyOf(placeholders);
  }

  /** An image as sent. */
  public record Image(String name, ContentPart.ImageUrl part) {
    public Image {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(part, "part");
    }
  }

  /**
   * A file's text.
   *
   * @param fullChars the length of the whole text; more than {@code text}'s when it was cut
   */
  public record FileText(String name, String text, int fullChars) {
    public FileText {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(text, "text");
    }

    boolean cut() {
      return fullChars > text.length();
    }
  }

  /** What was heard in one voice message or audio clip. */
  public record Transcript(String name, String text) {
    public Transcript {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(text, "text");
    }
  }

  /** Whether anything came of the attachments that the model can answer. */
  public boolean usable() {
    return !images.isEmpty() || !files.isEmpty() || !transcripts.isEmpty();
  }
}
