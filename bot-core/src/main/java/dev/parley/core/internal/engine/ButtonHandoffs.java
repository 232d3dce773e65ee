package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.HumanHandoff;
import dev.parley.core.internal.handoff.HandoffDesk;

/**
 * "Talk to a person" as adapters see it. A press costs what a question costs (the request
 * limits), so the button is no way to page the on-call group without bound; the desk's own
 * once-per-handoff rule makes every press after the first ping nobody. Thread-safe.
 */
final class ButtonHandoffs implements HumanHandoff {
  private final RequestLimiter limiter;
  private final HandoffDesk desk;

  ButtonHandoffs(RequestLimiter limiter, HandoffDesk desk) {
    this.limiter = limiter;
    this.desk = desk;
  }

  @Override
  public Result requestHuman(ConversationKey conversation, String userId, String userName, String eventId) {
    if (!desk.offeredIn(conversation)) return Result.NOT_CONFIGURED;
    RequestLimiter.Decision decision = limiter.tryAcquire(userId, conversation);
    if (!decision.allowed()) return new Result(Result.Status.LIMITED, Notices.limited(decision));
    return desk.handOff(new HandoffDesk.Request(conversation, userId, userName, null, false, null, null));
  }
}
