package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import java.util.function.Function;

class InMemoryRequestLimiterTest extends RequestLimiterContractTest {

  @Override
  protected RequestLimiter limiter(Function<ConversationKey, RequestLimits> limits) {
    return new InMemoryRequestLimiter(limits);
  }
}
