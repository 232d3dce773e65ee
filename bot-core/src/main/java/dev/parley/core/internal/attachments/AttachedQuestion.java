package dev.parley.core.internal.attachments;

import dev.parley.core.api.reply.DisplayText;
import dev.parley.core.internal.history.TokenEstimator;
import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.ContentPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A question with what its attachments gave: the text history keeps (typed text, transcripts and
 * placeholders, never file contents or image bytes), the lines shown above the answer (what was
 * heard, and a notice per file that could not be used), and the message the model is sent, with
 * the files' text and the images. Not thread-safe; one per turn.
 */
public final class AttachedQuestion {
  private static final int HEARD_CHARS = 200;

  private final String typed;
  private final ReadAttachments read;
  private final List<String> notices;
  private String filesBlock = "";

  public AttachedQuestion(String typed, ReadAttachments read) {
    this.typed = typed;
    this.read = read;
    this.notices = new ArrayList<>(read.notices());
  }

  /** A question without attachments, or one asked again, whose files are not read again. */
  public static AttachedQuestion typed(String text) {
    return new AttachedQuestion(text, ReadAttachments.NONE);
  }

  /**
   * False when the message had only attachments and none could be used: it gets the notices, and
   * no model call.
   */
  public boolean answerable() {
    return !typed.isBlank() || read.usable() || read.notices().isEmpty() && read.placeholders().isEmpty();
  }

  public boolean hasImages() {
    return !read.images().isEmpty();
  }

  /** The question as history keeps it: a voice message's transcript is kept as what was said. */
  public String storedText() {
    List<String> lines = new ArrayList<>();
    if (!typed.isBlank()) lines.add(typed);
    read.transcripts().forEach(t -> lines.add(t.text()));
    if (!read.placeholders().isEmpty()) lines.add(String.join("\n", read.placeholders()));
    return String.join("\n\n", lines);
  }

  /**
   * Puts the files' text into the question within {@code tokens}, cutting the files that do not
   * fit (each cut gets a notice). Call once, before {@link #asSent}.
   */
  public void fitFiles(int tokens, TokenEstimator estimator) {
    StringBuilder block = new StringBuilder();
    int remaining = Math.max(0, tokens);
    for (ReadAttachments.FileText file : read.files()) {
      String text = file.text();
      int cost = estimator.estimate(text);
      if (cost > remaining) {
        int chars = cost == 0 ? 0 : (int) ((long) text.length() * remaining / cost);
        text = text.substring(0, DisplayText.boundaryAtOrBefore(text, chars));
      }
      remaining -= estimator.estimate(text);
      if (text.length() < file.fullChars()) {
        notices.add(text.isEmpty()
            ? file.name() + " did not fit into the conversation, so the model did not see it."
            : String.format(Locale.ROOT, "%s was cut to its first %,d of %,d characters to fit.", file.name(),
                text.length(), file.fullChars()));
      }
      if (text.isEmpty()) continue;
      block.append("\n\n--- begin file: ").append(file.name()).append(" ---\n").append(text);
      if (text.length() < file.fullChars()) block.append("\n[the rest of the file was cut]");
      block.append("\n--- end file: ").append(file.name()).append(" ---");
    }
    filesBlock = block.toString();
  }

  /**
   * The message the model gets for this question: {@code stored} (the history turn, as the
   * assembler made it) with the files' text after it, and the images as content parts.
   */
  public ChatMessage asSent(ChatMessage stored) {
    String text = stored.text() + filesBlock;
    if (read.images().isEmpty()) return ChatMessage.user(text);
    List<ContentPart> parts = new ArrayList<>();
    parts.add(new ContentPart.Text(text));
    read.images().forEach(image -> parts.add(image.part()));
    return ChatMessage.user(parts);
  }

  /**
   * What the reply shows above the answer: each transcript, quoted and short, so the person sees
   * what was heard, then the notices. Empty, or ending with a blank line.
   */
  public String preamble() {
    StringBuilder lines = new StringBuilder();
    for (ReadAttachments.Transcript transcript : read.transcripts()) {
      String flat = transcript.text().replaceAll("\\s+", " ").strip();
      lines.append("> \uD83C\uDF99\uFE0F heard: ").append(DisplayText.cut(flat, HEARD_CHARS)).append('\n');
    }
    for (String notice : notices) lines.append("\u26A0\uFE0F ").append(notice).append('\n');
    return lines.isEmpty() ? "" : lines.append('\n').toString();
  }

  /** The notices alone, for a message that gets no answer. */
  public String noticesOnly() {
    return String.join("\n", notices);
  }
}
