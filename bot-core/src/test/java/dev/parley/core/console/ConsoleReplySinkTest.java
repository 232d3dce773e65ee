package dev.parley.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleReplySinkTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
  private final ConsoleReplySink sink = new ConsoleReplySink(
      new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(progress, true, StandardCharsets.UTF_8));

  @Test
  void statusLinesGoToTheirOwnStreamAndTheAnswerStaysExactlyTheAnswer() {
    sink.start();
    sink.update("Let me check. ");
    sink.status("Looking up ticket…");
    sink.status(null);
    sink.finish("Let me check. SUP-7 is open.");

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("parley> Let me check. SUP-7 is open." + System.lineSeparator());
    assertThat(progress.toString(StandardCharsets.UTF_8)).isEqualTo("(Looking up ticket…)" + System.lineSeparator());
  }
}
