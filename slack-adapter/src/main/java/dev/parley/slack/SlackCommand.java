package dev.parley.slack;

import dev.parley.core.api.IncomingMessage;
import java.util.Objects;

/**
 * The {@code /ask} slash command: a question, {@code reset}, or {@code model [name]}.
 *
 * @param argument the question or the model name; empty for {@code reset} and a bare {@code model}
 */
record SlackCommand(Action action, String argument, IncomingMessage message, ReplyTarget target) {

  public enum Action { ASK, RESET, MODEL, HELP }

  public SlackCommand {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(argument, "argument");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(target, "target");
  }
}
