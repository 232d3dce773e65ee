package dev.parley.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A terminal cannot edit: the sink prints what extends the screen, and reprints what replaces it. */
class ConsoleReplySinkTest {
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
  private final ConsoleReplySink sink = new ConsoleReplySink(
      new PrintStream(screen, true, StandardCharsets.UTF_8), new PrintStream(progress, true, StandardCharsets.UTF_8));

  @Test
  void printsOnlyWhatIsNewWhileTheTextGrows() {
    sink.start();
    sink.update("Hel");
    sink.update("Hello");
    sink.finish("Hello, world.");

    assertThat(screen()).isEqualTo("parley> Hello, world.\n");
  }

  @Test
  void aTextThatReplacesTheScreenIsPrintedInFullOnANewLine() {
    sink.start();
    sink.update("Let me check.");
    sink.update("Let me check.\n\nCreating ticket…");
    sink.update("Let me check. Ticket SUP-1 is open.");
    sink.finish("Let me check. Ticket SUP-1 is open.");

    assertThat(screen()).isEqualTo(
        "parley> Let me check.\n\nCreating ticket…\nLet me check. Ticket SUP-1 is open.\n");
  }

  @Test
  void aFailureKeepsTheTextAndAddsTheNotice() {
    sink.start();
    sink.update("Half an");
    sink.fail("Half an", "Stopped.");

    assertThat(screen()).isEqualTo("parley> Half an\n[Stopped.]\n");
  }

  @Test
  void statusLinesGoToTheirOwnStreamAndTheAnswerStaysExactlyTheAnswer() {
    sink.start();
    sink.update("Let me check. ");
    sink.status("Looking up ticket…");
    sink.status(null);
    sink.finish("Let me check. SUP-7 is open.");

    assertThat(screen()).isEqualTo("parley> Let me check. SUP-7 is open." + System.lineSeparator());
    assertThat(progress.toString(StandardCharsets.UTF_8)).isEqualTo("(Looking up ticket…)" + System.lineSeparator());
  }

  private String screen() {
    return screen.toString(StandardCharsets.UTF_8);
  }
}
