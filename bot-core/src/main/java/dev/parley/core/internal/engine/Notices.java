package dev.parley.core.internal.engine;

import dev.parley.core.api.reply.DisplayText;
import dev.parley.core.internal.history.PromptTooLongException;
import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.LlmException;
import dev.parley.core.internal.llm.RetriableLlmException;
import java.time.Duration;
import java.util.Locale;

/** The readable notices a user sees when a reply cannot be completed. One place, one tone. */
final class Notices {
  static final String CUT_OFF = "The answer was cut off before it was complete.";
  static final String STOPPED = "Stopped.";
  static final String RESTARTING = "Parley is restarting, please ask again in a moment.";
  static final String UNAVAILABLE = "Parley cannot reach its storage right now; please try again shortly.";
  static final String BUSY = "Parley is busy with earlier messages in this conversation; please ask again.";
  static final String TOO_MANY_ROUNDS = "I stopped after too many tool calls in a row.";
  static final String RESET_MEANWHILE =
      "The conversation was reset while this was answered, so Parley will not remember this answer.";
  static final String NOTHING_TO_REGENERATE =
      "There is no earlier question here to answer again: the conversation was reset or has expired. Please ask again.";
  static final String MOVED_ON =
      "This conversation has moved on since that answer; regenerate the newest answer, or ask again.";
  static final String NOT_SAVED = "This answer could not be saved, so Parley will not remember it in this conversation.";

  private Notices() {}

  /** What to tell the user when the model failed, with or without text already shown. */
  static String forModelError(LlmException error, boolean textShown) {
    if (textShown) return CUT_OFF;
    return switch (error) {
      case LlmErrors.RateLimited e -> "The model is rate limited right now" + retryIn(e.retryAfter().orElse(null)) + ".";
      case LlmErrors.CapacityExceeded e -> "The model has no capacity right now; please try again shortly.";
      case LlmErrors.ServerError e -> "The model service had an error (" + e.httpStatus() + "); please try again.";
      case LlmErrors.Timeout e -> "The model took too long to answer; please try again.";
      case LlmErrors.StreamInterrupted e -> "The connection to the model broke; please try again.";
      case RetriableLlmException e when e.httpStatus() == 0 -> "Parley could not reach the model service; please try again.";
      case LlmErrors.ContextLengthExceeded e -> "This conversation is too long for the model; use reset to start over.";
      case LlmErrors.InvalidApiKey e -> "Parley's model API key was refused; an administrator must fix GROQ_API_KEY.";
      case LlmErrors.ModelNotFound e -> "The model is unknown to the server; pick another with the model command.";
      case LlmErrors.ModelDecommissioned e -> "The model was retired; pick another with the model command.";
      case LlmErrors.RequestTooLarge e -> "The request is too large for the model; use reset to start over.";
      default -> "The model could not answer (" + (error.code() == null ? error.httpStatus() : error.code()) + ").";
    };
  }

  /**
   * What to tell the user when a question with images failed before any text came, when the
   * images are the likely cause; null otherwise. Groq answers 400 when a model takes no images,
   * and 413 when a request's base64 images pass 4 MB.
   */
  static String forImageRefusal(LlmException error, String model) {
    return switch (error) {
      case LlmErrors.RequestTooLarge e -> "The images were too large for the model together; please send fewer or smaller ones.";
      case LlmErrors.BadRequest e when e.httpStatus() == 400 -> "The model " + model + " did not accept the images ("
          + DisplayText.cut(e.getMessage() == null ? "400" : e.getMessage(), 120) + "). An administrator can set"
          + " PARLEY_VISION_MODEL to a model that takes images, such as meta-llama/llama-4-scout-17b-16e-instruct.";
      default -> null;
    };
  }

  static String promptTooLong(PromptTooLongException e, String model) {
    return "Your message is too long for " + model + ": it needs about " + e.messageTokens()
        + " tokens, and about " + e.budget() + " fit. Please shorten it or split it up.";
  }

  static String messageTooLong(long chars, int max) {
    return String.format(Locale.ROOT, "Your message is %,d characters long; Parley answers messages of up to %,d."
        + " Please shorten it or split it up.", chars, max);
  }

  static String tookTooLong(Duration deadline) {
    return "The answer took longer than " + readable(deadline) + " and was stopped.";
  }

  static String tokenBudgetSpent(long dailyTokens) {
    return String.format(Locale.ROOT, "Your team has used its daily allowance of %,d model tokens;"
        + " Parley can answer again after midnight UTC.", dailyTokens);
  }

  static String limited(RequestLimiter.Decision decision) {
    String who = "user".equals(decision.scope()) ? "You have" : "This conversation has";
    return who + " reached the request limit" + retryIn(decision.retryAfter()) + ".";
  }

  private static String readable(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 1) return duration.toMillis() + " ms";
    if (seconds == 1) return "1 second";
    if (seconds < 120 || seconds % 60 != 0) return seconds + " seconds";
    return (seconds / 60) + " minutes";
  }

  private static String retryIn(Duration wait) {
    if (wait == null || wait.isZero()) return "";
    long seconds = Math.max(1, wait.toSeconds());
    return seconds < 120 ? "; try again in " + seconds + " s" : "; try again in " + (seconds / 60) + " min";
  }

  /**
   * Starts a message kept from a handed-off thread, so the model reads it as talk among people
   * rather than a question it left unanswered.
   */
  static final String SAID_WHILE_HANDED_OFF = "[said to the people handling this thread while I was away] ";

  /** Shown when someone says {@code resume} in a handed-off thread. */
  static final String RESUMED = "I'm back: I will answer in this thread again.";

  /**
   * Whether a message (its mention already stripped) asks Parley back into a handed-off thread:
   * {@code resume} alone, in any case, with trailing punctuation.
   */
  static boolean isResume(String text) {
    return text.strip().replaceAll("[.!]+$", "").equalsIgnoreCase("resume");
  }
}
