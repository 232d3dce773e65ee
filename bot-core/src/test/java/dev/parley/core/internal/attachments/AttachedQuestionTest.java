package dev.parley.core.internal.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.history.TokenEstimator;
import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.ContentPart;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What history keeps of a question with attachments, what the reply shows above it, and what the model gets. */
class AttachedQuestionTest {
  private static final ContentPart.ImageUrl IMAGE = new ContentPart.ImageUrl("data:image/png;base64,AAAA");

  @Test
  void historyKeepsTheTextTheTranscriptAndPlaceholdersButNoFileContents() {
    ReadAttachments read = new ReadAttachments(List.of(new ReadAttachments.Image("shot.png", IMAGE)),
        List.of(new ReadAttachments.FileText("app.log", "secret log line", 15)), List.of(),
        List.of(), List.of("[image: shot.png]", "[file: app.log]"));

    AttachedQuestion question = new AttachedQuestion("what broke?", read);

    assertThat(question.storedText()).isEqualTo("what broke?\n\n[image: shot.png]\n[file: app.log]");
    assertThat(question.storedText()).doesNotContain("secret log line", "base64");
  }

  @Test
  void theModelGetsTheFilesTextAfterTheQuestionAndTheImagesAsParts() {
    ReadAttachments read = new ReadAttachments(List.of(new ReadAttachments.Image("shot.png", IMAGE)),
        List.of(new ReadAttachments.FileText("app.log", "ERROR boom", 10)), List.of(),
        List.of(), List.of("[image: shot.png]", "[file: app.log]"));
    AttachedQuestion question = new AttachedQuestion("what broke?", read);
    question.fitFiles(1_000, new TokenEstimator());

    ChatMessage sent = question.asSent(ChatMessage.user(question.storedText()));

    assertThat(sent.content()).isNull();
    assertThat(sent.parts()).containsExactly(new ContentPart.Text("what broke?\n\n[image: shot.png]\n[file: app.log]"
        + "\n\n--- begin file: app.log ---\nERROR boom\n--- end file: app.log ---"), IMAGE);
  }

  @Test
  void aFileBeyondTheTokenBudgetIsCutWithANotice() {
    ReadAttachments read = new ReadAttachments(List.of(),
        List.of(new ReadAttachments.FileText("data.csv", "a".repeat(400), 400)), List.of(), List.of(),
        List.of("[file: data.csv]"));
    AttachedQuestion question = new AttachedQuestion("sum it", read);

    question.fitFiles(25, new TokenEstimator());

    assertThat(question.asSent(ChatMessage.user("sum it")).content())
        .isEqualTo("sum it\n\n--- begin file: data.csv ---\n" + "a".repeat(100)
            + "\n[the rest of the file was cut]\n--- end file: data.csv ---");
    assertThat(question.preamble()).isEqualTo("\u26A0\uFE0F data.csv was cut to its first 100 of 400 characters to fit.\n\n");
  }

  @Test
  void theReplyShowsWhatWasHeardQuotedAndShortAndHistoryKeepsItAsTheQuestion() {
    String said = "please remind me " + "again ".repeat(60) + "tomorrow";
    AttachedQuestion question = new AttachedQuestion("", new ReadAttachments(List.of(), List.of(),
        List.of(new ReadAttachments.Transcript("voice-message.ogg", said)), List.of(), List.of()));

    assertThat(question.storedText()).isEqualTo(said);
    assertThat(question.preamble()).startsWith("> \uD83C\uDF99\uFE0F heard: please remind me again").endsWith("\u2026\n\n")
        .hasSizeLessThan(240);
    assertThat(question.answerable()).isTrue();
  }

  @Test
  void aMessageWithOnlyUnusableAttachmentsIsNotAnswerableAndOneWithoutAttachmentsIs() {
    AttachedQuestion failed = new AttachedQuestion(" ", new ReadAttachments(List.of(), List.of(), List.of(),
        List.of("Parley could not download app.log: gone."), List.of("[file not read: app.log]")));

    assertThat(failed.answerable()).isFalse();
    assertThat(failed.noticesOnly()).isEqualTo("Parley could not download app.log: gone.");
    assertThat(AttachedQuestion.typed("hi").answerable()).isTrue();
    assertThat(AttachedQuestion.typed("hi").preamble()).isEmpty();
  }
}
