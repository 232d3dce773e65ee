package dev.parley.core.internal.tools;

/**
 * A tool declining a call on purpose (a limit reached, something not found): the message goes
 * back to the model as the call's error, for it to explain to the user. Not a failure: it is
 * logged without a stack trace and counted as {@code refused}.
 */
public final class ToolRefusedException extends Exception {
  public ToolRefusedException(String message) {
    super(message, null, false, false);
  }
}
