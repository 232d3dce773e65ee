package dev.parley.core.internal.attachments;

import dev.parley.core.api.Attachment;
import dev.parley.core.api.AttachmentUnavailableException;
import dev.parley.core.api.RedactedUrl;
import dev.parley.core.api.reply.DisplayText;
import dev.parley.core.internal.llm.LlmException;
import dev.parley.core.internal.llm.Transcriber;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a message's attachments within {@link AttachmentLimits}: downloads each through its
 * {@link dev.parley.core.api.AttachmentSource}, fits images to Groq's bounds, takes the text of
 * text files and PDFs, and transcribes audio. A file that cannot be used becomes a notice; the
 * others are still read. Thread-safe; every call blocks on downloads and transcription, so it runs
 * on a turn's worker thread.
 */
public final class AttachmentReader {
  private static final Logger log = LoggerFactory.getLogger(AttachmentReader.class);
  private static final int MAX_NAME = 80;

  private final AttachmentLimits limits;
  private final Transcriber transcriber;
  private final ImageFitter fitter = new ImageFitter();

  public AttachmentReader(AttachmentLimits limits, Transcriber transcriber) {
    this.limits = limits;
    this.transcriber = transcriber;
  }

  public AttachmentLimits limits() {
    return limits;
  }

  /**
   * @throws InterruptedException when the turn was stopped while files were read
   */
  public ReadAttachments read(List<Attachment> attachments) throws InterruptedException {
    if (attachments.isEmpty()) return ReadAttachments.NONE;
    Reading reading = new Reading(imageCount(attachments));
    for (int i = 0; i < attachments.size(); i++) {
      if (Thread.interrupted()) throw new InterruptedException("stopped while reading attachments");
      Attachment attachment = attachments.get(i);
      String name = displayName(attachment.name());
      if (i >= limits.maxAttachments()) {
        reading.notices.add(name + " was not read: Parley reads " + limits.maxAttachments() + " files per message.");
        reading.placeholders.add("[file not read: " + name + "]");
        continue;
      }
      reading.read(attachment, name);
    }
    return new ReadAttachments(reading.images, reading.files, reading.transcripts, reading.notices,
        reading.placeholders);
  }

  private long imageCount(List<Attachment> attachments) {
    return attachments.stream().limit(limits.maxAttachments()).filter(a -> FileKind.of(a) == FileKind.IMAGE)
        .limit(limits.maxImages()).count();
  }

  /** One message's reading, in attachment order. */
  private final class Reading {
    final List<ReadAttachments.Image> images = new ArrayList<>();
    final List<ReadAttachments.FileText> files = new ArrayList<>();
    final List<ReadAttachments.Transcript> transcripts = new ArrayList<>();
    final List<String> notices = new ArrayList<>();
    final List<String> placeholders = new ArrayList<>();
    /** Each image's share of the byte budget, so that all of them fit together. */
    final long imageBudget;
    int imagesSeen;

    Reading(long expectedImages) {
      this.imageBudget = limits.imageBytesBudget() / Math.max(1, expectedImages);
    }

    void read(Attachment attachment, String name) throws InterruptedException {
      FileKind kind = FileKind.of(attachment);
      try {
        switch (kind) {
          case IMAGE -> image(attachment, name);
          case TEXT -> text(name, DocumentText.utf8(download(attachment, limits.maxDownloadBytes())));
          case PDF -> text(name, DocumentText.pdf(name, download(attachment, limits.maxDownloadBytes())));
          case AUDIO -> audio(attachment, name);
          case UNKNOWN -> unknown(attachment, name);
        }
      } catch (AttachmentUnavailableException e) {
        if (Thread.currentThread().isInterrupted()) throw new InterruptedException("stopped while downloading");
        log.info("attachment unavailable kind={} tooLarge={} reason={}", kind, e.tooLarge(),
            RedactedUrl.inText(e.getMessage()));
        notices.add(e.tooLarge()
            ? name + " is larger than the " + Sizes.readable(bound(kind)) + " Parley reads."
            : "Parley could not download " + name + ": " + reason(e.getMessage()));
        placeholders.add("[file not read: " + name + "]");
      } catch (ImageFitter.UnusableImage | DocumentText.UnreadableDocument e) {
        log.info("attachment unusable kind={} reason={}", kind, e.getMessage());
        notices.add(e.getMessage());
        placeholders.add("[file not read: " + name + "]");
      } catch (RuntimeException e) {
        // A source or a decoder that fails in a way nobody planned for still costs only this file.
        log.warn("attachment could not be read kind={}", kind, e);
        notices.add("Parley could not read " + name + ".");
        placeholders.add("[file not read: " + name + "]");
      }
    }

    private void image(Attachment attachment, String name) throws ImageFitter.UnusableImage {
      if (++imagesSeen > limits.maxImages()) {
        notices.add(name + " was not looked at: the model takes " + limits.maxImages() + " images per message.");
        placeholders.add("[image not seen: " + name + "]");
        return;
      }
      byte[] bytes = download(attachment, limits.maxDownloadBytes());
      ImageFitter.Fitted fitted = fitter.fit(name, bytes, imageBudget, limits.maxImagePixels());
      if (fitted.shrunk()) log.info("image shrunk to fit bytes={} sent={}", bytes.length, fitted.part().url().length());
      images.add(new ReadAttachments.Image(name, fitted.part()));
      placeholders.add("[image: " + name + "]");
    }

    private void text(String name, String text) {
      int max = limits.maxFileChars();
      String kept = text.length() <= max ? text : text.substring(0, DisplayText.boundaryAtOrBefore(text, max));
      files.add(new ReadAttachments.FileText(name, kept, text.length()));
      placeholders.add("[file: " + name + "]");
    }

    private void audio(Attachment attachment, String name) {
      byte[] audio = download(attachment, Math.min(limits.maxDownloadBytes(), AttachmentLimits.MAX_AUDIO_BYTES));
      String heard;
      try {
        heard = transcriber.transcribe(attachment.name(), attachment.mimeType(), audio);
      } catch (LlmException e) {
        log.info("transcription failed status={} code={}", e.httpStatus(), e.code());
        notices.add("Parley could not transcribe " + name + ": "
            + (e.getMessage() == null ? "the service answered " + e.httpStatus() + "." : reason(e.getMessage())));
        placeholders.add("[voice message not transcribed: " + name + "]");
        return;
      }
      if (heard == null || heard.isBlank()) {
        notices.add("Nothing could be heard in " + name + ".");
        placeholders.add("[voice message, nothing heard: " + name + "]");
        return;
      }
      String said = heard.strip();
      int max = limits.maxFileChars();
      if (said.length() > max) {
        // An hour of speech is a long text: it is held to a file's bound, and kept in history, so cut.
        notices.add(String.format(java.util.Locale.ROOT, "What was heard in %s was cut to its first %,d of %,d characters.",
            name, max, said.length()));
        said = said.substring(0, DisplayText.boundaryAtOrBefore(said, max));
      }
      transcripts.add(new ReadAttachments.Transcript(name, said));
    }

    private void unknown(Attachment attachment, String name) {
      String type = attachment.mimeType().isBlank() ? "" : " (" + attachment.mimeType() + ")";
      notices.add("Parley cannot read " + name + type
          + ": it reads images (PNG, JPEG, WebP, GIF), text files, PDFs and voice messages.");
      placeholders.add("[file not read: " + name + "]");
    }

    private long bound(FileKind kind) {
      return kind == FileKind.AUDIO ? Math.min(limits.maxDownloadBytes(), AttachmentLimits.MAX_AUDIO_BYTES)
          : limits.maxDownloadBytes();
    }
  }

  /**
   * Downloads within {@code max}. A platform that announced a larger size is not asked at all; an
   * adapter's source enforces the bound while it reads as well.
   */
  private static byte[] download(Attachment attachment, long max) {
    if (attachment.sizeBytes() > max) throw AttachmentUnavailableException.tooLarge(attachment.name(), max);
    byte[] bytes = attachment.source().download(max);
    if (bytes == null) throw new AttachmentUnavailableException(attachment.name() + " came back empty", false, null);
    if (bytes.length > max) throw AttachmentUnavailableException.tooLarge(attachment.name(), max);
    return bytes;
  }

  /**
   * A fault's message as the end of a notice: without links' secrets, on one line, short, and
   * ending as a sentence does.
   */
  private static String reason(String message) {
    String flat = message == null ? "" : RedactedUrl.inText(message).replaceAll("\\s+", " ").strip();
    if (flat.isEmpty()) return "no reason given.";
    String cut = DisplayText.cut(flat, 160);
    return cut.matches("(?s).*[.!?]") ? cut : cut + ".";
  }

  /**
   * The name as shown in notices and stored in history: one line, no markup brackets that would
   * read as a placeholder's end, and short.
   */
  static String displayName(String name) {
    String flat = name.replaceAll("[\\p{Cntrl}\\[\\]`]", " ").strip();
    return flat.isEmpty() ? "attachment" : DisplayText.cut(flat, MAX_NAME);
  }
}
