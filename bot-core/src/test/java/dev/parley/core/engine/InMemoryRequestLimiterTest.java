package dev.parley.core.engine;

import dev.parley.core.conversation.ConversationKey;
import java.util.function.Function;

class InMemoryRequestLimiterTest extends RequestLimiterContractTest {

  @Override
  protected RequestLimiter limiter(Function<ConversationKey, RequestLimits> limits) {
    return new InMemoryRequestLimiter(limits);
  }
}
