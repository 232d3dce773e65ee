package dev.parley.core.api;

/**
 * Who may use the bot, and who may control an answer. Adapters ask before any I/O and do nothing
 * more for a refused request: no placeholder, no thread, no dedup entry, no history. Thread-safe.
 */
public interface AccessGate {
  /** Shown once per person, channel and hour for a refused slash command. */
  String NOT_ALLOWED = "Parley is not enabled for you here.";
  /** Shown to someone who clicks Stop or Regenerate under another person's answer. */
  String NOT_YOURS = "Only the person who asked, or a Parley admin, can do that.";

  /** What the adapter does with a request. */
  enum Verdict {
    ALLOWED,
    /** Refused: nothing is shown. */
    REFUSED,
    /** Refused, and the first time in a while: show {@link #NOT_ALLOWED} to this person only. */
    REFUSED_WITH_NOTICE;

    public boolean allowed() {
      return this == ALLOWED;
    }
  }

  /**
   * Decides a request and counts a refusal.
   *
   * @param privateNoticePossible whether the platform can tell just this person (a slash
   *     command's ephemeral answer); messages and mentions never get a notice
   */
  Verdict admit(AccessRequest request, boolean privateNoticePossible);

  /**
   * Decides a request without counting it: for a message the bot may or may not answer (a thread
   * follow-up), where a refusal is not an event worth a metric.
   */
  AccessDecision check(AccessRequest request);

  /** Whether {@code userId} may stop or regenerate an answer {@code askerId} asked for (null: unknown). */
  boolean mayControl(String platform, String userId, String askerId);
}
