package dev.parley.core.internal.access;

import dev.parley.core.api.AccessDecision;
import dev.parley.core.api.AccessGate;
import dev.parley.core.api.AccessRequest;
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
public final class AccessControl implements AccessGate {
  /**
   * A person who keeps trying is reminded at most hourly: often enough to notice a change of
   * configuration, rarely enough that the notice is no channel for spam.
   */
  public static final Duration NOTICE_PERIOD = Duration.ofHours(1);
  private static final int REMEMBERED = 10_000;

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

  @Override
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

  @Override
  public AccessDecision check(AccessRequest request) {
    return policy.check(request);
  }

  @Override
  public boolean mayControl(String platform, String userId, String askerId) {
    return askerId != null ? policy.mayControl(platform, userId, askerId) : policy.isAdmin(platform, userId);
  }

  public AccessPolicy policy() {
    return policy;
  }
}
