package dev.parley.core.internal.observe;

import dev.parley.core.api.Submission;
import java.time.Duration;

/**
 * What the engine reports for metrics. The core stays free of a metrics library; deploy maps
 * these calls onto Micrometer. Every method has a no-op default, is called on hot paths, and must
 * not block.
 */
public interface EngineObserver {
  EngineObserver NONE = new EngineObserver() {};

  /** A platform event reached the engine; {@code duplicate} when deduplication dropped it. */
  default void eventReceived(String platform, boolean duplicate) {}

  /** A reply ended; {@code outcome} is a {@link Submission.Outcome} name in lower case. */
  default void answerFinished(String platform, String outcome) {}

  /** Time from accepting a message to the first answer token. */
  default void firstToken(String platform, Duration latency) {}

  /** Completion tokens per second of one model stream, as reported by usage. */
  default void tokensPerSecond(String model, double rate) {}

  /** An edit reached the platform ({@code rateLimited=false}) or was refused with a rate limit. */
  default void editSent(String platform, boolean rateLimited) {}

  /**
   * As {@link #editSent(String, boolean)}, with the reply's permitted interval at that moment:
   * its fair share of the platform's budget among the replies sharing it, or its configured
   * cadence when that is longer. Visible lag is measured against it.
   */
  default void editSent(String platform, boolean rateLimited, Duration permittedInterval) {
    editSent(platform, rateLimited);
  }

  /**
   * A tool call ran; {@code outcome} is {@code ok}, {@code error}, {@code invalid}, {@code unknown},
   * {@code timeout} or {@code refused} (a bound such as the ticket caps said no).
   */
  default void toolCall(String tool, String outcome) {}

  /** The model API failed; {@code code} is the API's error code, or the HTTP status. */
  default void modelError(String code) {}

  /**
   * A message or command from outside the allow-lists was refused before reaching the engine;
   * {@code reason} is {@code workspace}, {@code channel} or {@code user}.
   */
  default void accessRefused(String platform, String reason) {}

  /**
   * A refusal notice was not shown because the conversation already got one in the current
   * window; {@code kind} is {@code limited}.
   */
  default void noticeSuppressed(String platform, String kind) {}
}
