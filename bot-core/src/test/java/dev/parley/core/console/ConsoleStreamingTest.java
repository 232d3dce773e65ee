package dev.parley.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.internal.engine.ConversationEngine;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The console prints tokens as they arrive: a terminal has no edits to spare, so a channel's reply
 * cadence, meant for chat platforms, must not hold the answer back.
 */
class ConsoleStreamingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Far longer than any wait below: if it applied to the console, no chunk would show in time. */
  private static final Duration CHAT_PLATFORM_CADENCE = Duration.ofMinutes(1);
  private static final List<String> CHUNKS = List.of("alpha ", "bravo ", "charly", " delta", " echo ", "foxtrt");

  @Test
  void eachChunkIsPrintedBeforeTheServerSendsTheNext() throws Exception {
    ChannelSettings base = TestEngines.settings(false);
    ChannelSettings paced = new ChannelSettings(base.systemPrompt(), base.model(), base.fallbackModels(), false,
        base.enabledTools(), base.userLimit(), base.conversationLimit(), CHAT_PLATFORM_CADENCE);
    RecordedWrites screen = new RecordedWrites();
    List<Integer> notShownInTime = new CopyOnWriteArrayList<>();
    try (FakeGroq groq = FakeGroq.start();
        ConversationEngine engine = TestEngines.inMemoryBuilder(groq.baseUrl()).channelSettings(key -> paced).build()) {
      // Events: 0 is the role chunk, 1..6 the content chunks, 7 the final chunk. Content chunk k+1
      // leaves the server only once the terminal shows chunk k.
      groq.enqueueHeldAnswer(String.join("", CHUNKS), 6, event -> {
        if (event < 2) return true;
        String shownSoFar = String.join("", CHUNKS.subList(0, event - 1));
        if (screen.awaitText("parley> " + shownSoFar, WAIT)) return true;
        notShownInTime.add(event - 1);
        return false;
      });

      CompletableFuture<Void> chat = Terminals.open(() -> {
        try {
          new ConsoleChat(engine.core(), "ada").run(new ByteArrayInputStream("spell it\n/quit\n".getBytes(StandardCharsets.UTF_8)),
              new PrintStream(screen, true, StandardCharsets.UTF_8));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });

      assertThat(screen.awaitText("parley> " + String.join("", CHUNKS) + "\n", WAIT)).as(screen.text()).isTrue();
      assertThat(notShownInTime).as("chunks the terminal had not printed when the next was due").isEmpty();
      assertThat(screen.writesContaining(CHUNKS)).as("one write per chunk, in order").containsExactlyElementsOf(CHUNKS);
      chat.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** Every write to the terminal, in order, with a way to wait for text to appear. */
  private static final class RecordedWrites extends OutputStream {
    private final List<String> writes = new ArrayList<>();

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
      notifyAll();
    }

    synchronized String text() {
      return String.join("", writes);
    }

    synchronized boolean awaitText(String text, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!text().contains(text)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }

    /** The writes that carry any of {@code chunks}, as written. */
    synchronized List<String> writesContaining(List<String> chunks) {
      return writes.stream().filter(write -> chunks.stream().anyMatch(write::contains)).toList();
    }
  }
}
