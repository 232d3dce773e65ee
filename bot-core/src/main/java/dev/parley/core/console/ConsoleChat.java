package dev.parley.core.console;

import dev.parley.core.api.BotCore;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.ModelChoice;
import dev.parley.core.api.Submission;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Console mode: chat with Parley in a terminal through the same engine the platforms use. One
 * conversation per run of the program, so history in Redis carries over between runs of the
 * same user. Commands: {@code /reset}, {@code /model [name]}, {@code /quit}.
 */
public final class ConsoleChat {
  private final Conversations conversations;
  private final ModelChoice models;
  private final ConversationKey key;
  private final String user;

  /** @param user the local user name; the conversation is keyed by it */
  public ConsoleChat(BotCore core, String user) {
    this.conversations = core.conversations();
    this.models = core.models();
    this.user = user.replaceAll("[^A-Za-z0-9_.-]", "_");
    this.key = new ConversationKey("console", "local", this.user.isEmpty() ? "user" : this.user, "main");
  }

  /** Reads lines until end of input or {@code /quit}; each line is answered before the next is read. */
  public void run(InputStream input, PrintStream out) throws IOException, InterruptedException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
    out.println("Parley console. Model: " + models.currentModel(key)
        + ". Commands: /reset, /model [name], /quit.");
    String line;
    while ((line = reader.readLine()) != null) {
      line = line.strip();
      if (line.isEmpty()) continue;
      if (line.equals("/quit") || line.equals("/exit")) break;
      if (line.startsWith("/")) {
        out.println(command(line));
        continue;
      }
      ask(line, out);
    }
  }

  private void ask(String text, PrintStream out) throws InterruptedException {
    ConsoleReplySink sink = new ConsoleReplySink(out);
    IncomingMessage message = new IncomingMessage(UUID.randomUUID().toString(), key, user, user, text, null, Instant.now());
    Submission submission = conversations.submit(message, () -> sink);
    if (submission.status() == Submission.Status.DUPLICATE) return;
    sink.awaitEnd();
  }

  private String command(String line) {
    String[] words = line.split("\\s+", 2);
    return switch (words[0]) {
      case "/reset" -> {
        conversations.reset(key);
        yield "Conversation cleared.";
      }
      case "/model" -> words.length == 1
          ? "Model: " + models.currentModel(key) + ". Available: " + String.join(", ", models.availableModels())
          : switchModel(words[1].strip());
      default -> "Unknown command " + words[0] + ". Commands: /reset, /model [name], /quit.";
    };
  }

  private String switchModel(String model) {
    try {
      models.switchModel(key, model);
      return "Model switched to " + model + ".";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
