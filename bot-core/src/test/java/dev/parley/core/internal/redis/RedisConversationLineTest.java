package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.engine.ConversationLine;
import dev.parley.core.internal.engine.ConversationLineContractTest;
import dev.parley.core.internal.engine.ConversationSettingsStore;
import dev.parley.core.internal.engine.InMemoryConversationSettingsStore;
import dev.parley.core.internal.engine.TokenBudget;
import dev.parley.core.internal.handoff.HandoffStore;
import dev.parley.core.internal.handoff.InMemoryHandoffStore;
import dev.parley.core.internal.history.HistoryStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisConversationLineTest extends ConversationLineContractTest {
  private final TestRedis redis = new TestRedis();
  private final List<RedisTurnSequencer> sequencers = new ArrayList<>();

  @AfterEach
  void closeSequencersAndDeleteKeys() {
    sequencers.forEach(RedisTurnSequencer::close);
    redis.close();
  }

  private RedisTurnSequencer sequencer() {
    RedisTurnSequencer sequencer = new RedisTurnSequencer(redis.client(), redis.prefix());
    sequencers.add(sequencer);
    return sequencer;
  }

  @Override
  protected ConversationLine line() {
    return sequencer().lineWith(history(), settings(), budget(), handoffs());
  }

  @Override
  protected HandoffStore handoffs() {
    return new RedisHandoffStore(redis.client(), redis.prefix());
  }

  @Override
  protected HistoryStore history() {
    return new RedisHistoryStore(redis.client(), redis.prefix());
  }

  @Override
  protected ConversationSettingsStore settings() {
    return new RedisConversationSettingsStore(redis.client(), redis.prefix());
  }

  @Override
  protected TokenBudget budget() {
    return new RedisTokenBudget(redis.client(), redis.prefix(), DAILY_TOKENS, Clock.systemUTC());
  }

  @Test
  void redisStoresOnOneClientAndPrefixTakeOneScriptPerStep() {
    assertThat(line()).isInstanceOf(RedisConversationLine.class);
    assertThat(sequencer().lineWith(history(), settings(), TokenBudget.UNLIMITED)).isInstanceOf(RedisConversationLine.class);
    assertThat(sequencer().lineWith(history(), settings(), budget(), null)).isInstanceOf(RedisConversationLine.class);
  }

  @Test
  void anyOtherMixAsksEachStoreInTurn() {
    assertThat(sequencer().lineWith(history(), new InMemoryConversationSettingsStore(), budget()))
        .isNotInstanceOf(RedisConversationLine.class);
    assertThat(sequencer().lineWith(new RedisHistoryStore(redis.client(), redis.prefix() + "x:"), settings(), budget()))
        .isNotInstanceOf(RedisConversationLine.class);
    assertThat(sequencer().lineWith(history(), settings(), budget(), new InMemoryHandoffStore()))
        .isNotInstanceOf(RedisConversationLine.class);
  }
}
