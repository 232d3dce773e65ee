package dev.parley.core.internal.access;

import dev.parley.core.api.AccessRequest;
import dev.parley.core.api.AccessDecision;

import dev.parley.core.internal.observe.EngineObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The adapters' front door to access control: the {@link AccessPolicy}, the memory that shows a
 * refused person the "not allowed" notice once per period, and the refusal metric. Adapters call
 * {@link #admit} with what the event itself says, before any I/O, and do nothing more for a
 * refused request (no placeholder, no thread, no dedup entry, no history). Thread-safe.
 */
public final class AccessControl {
  /** Shown once per person, channel and {@link #NOTICE_PERIOD} for a refused slash command. */
  public static final String NOT_ALLOWED = "Parley is not enabled for you here.";
  /** Shown to someone who clicks Stop or Regenerate under another person's answer. */
  public static final String NOT_YOURS = "Only the person who asked, or a Parley admin, can do that.";
  /**
   * A person who keeps trying is reminded at most hourly: often enough to notice a change of
   * configuration, rarely enough that the notice is no channel for spam.
   */
  public static final Duration NOTICE_PERIOD = Duration.ofHours(1);
  private static final int REMEMBERED = 10_000;

  /** What the adapter does with a request. */
  public enum Verdict {
    ALLOWED,
    /** Refused: nothing is shown. */
    REFUSED,
    /** Refused, and this is the first time in the period: show {@link #NOT_ALLOWED} privately. */
    REFUSED_WITH_NOTICE;

    public boolean allowed() {
      return this == ALLOWED;
    }
  }

  private final AccessPolicy policy;
  private final NoticeGate notices;
  private final EngineObserver observer;

  public AccessControl(AccessPolicy policy, EngineObserver observer) {
    this(policy, new NoticeGate(NOTICE_PERIOD, REMEMBERED, Clock.systemUTC()), observer);
  }

  public AccessControl(AccessPolicy policy, NoticeGate notices, EngineObserver observer) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.notices = Objects.requireNonNull(notices, "notices");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /** Everyone may use the bot; only the asker may stop an answer. */
  public static AccessControl open() {
    return new AccessControl(AccessPolicy.open(), EngineObserver.NONE);
  }

  /**
   * Decides a request and counts a refusal.
   *
   * @param privateNoticePossible whether the platform can tell just this person (a slash
   *     command's ephemeral answer); messages and mentions never get a notice
   */
  public Verdict admit(AccessRequest request, boolean privateNoticePossible) {
    AccessDecision decision = policy.check(request);
    if (decision.allowed()) return Verdict.ALLOWED;
    observer.accessRefused(request.platform(), decision.reason());
    if (!privateNoticePossible) return Verdict.REFUSED;
    String where = request.direct() ? AccessPolicy.DIRECT_MESSAGES
        : request.channels().isEmpty() ? "-" : request.channels().getFirst();
    String key = request.platform() + ":" + request.workspace() + ":" + where + ":" + request.userId();
    return notices.tryPass(key) ? Verdict.REFUSED_WITH_NOTICE : Verdict.REFUSED;
  }

  /** Whether {@code userId} may stop or regenerate an answer that {@code askerId} asked for. */
  public boolean mayControl(String platform, String userId, String askerId) {
    return askerId != null ? policy.mayControl(platform, userId, askerId) : policy.isAdmin(platform, userId);
  }

  public AccessPolicy policy() {
    return policy;
  }
}
