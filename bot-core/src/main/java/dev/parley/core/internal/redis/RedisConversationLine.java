package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.engine.ConversationLine;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.internal.history.TurnJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * A turn's steps in one round trip each, with the keys and rules of {@link RedisTurnSequencer} and
 * {@link RedisHistoryStore}: taking a place also reads the generation ({@link SequencerScripts#TAKE}),
 * and in a channel with handoff whether the thread is handed off
 * ({@link SequencerScripts#TAKE_UNLESS_HANDED_OFF}, the key of {@link RedisHandoffStore});
 * the poll that finds the turn come also returns the history and the conversation's model
 * ({@link SequencerScripts#AWAIT}); and the write appends and leaves the line in one script
 * ({@link SequencerScripts#WRITE}), pipelined with the budget's spending. Those scripts touch only
 * the conversation's slot, the spending only the tenant's, so each runs on Redis Cluster; the
 * pipeline then goes to at most two nodes. Built by {@link RedisTurnSequencer#lineWith}. Thread-safe.
 */
final class RedisConversationLine implements ConversationLine {
  private static final Logger log = LoggerFactory.getLogger(RedisConversationLine.class);

  private final UnifiedJedis redis;
  private final RedisTurnSequencer sequencer;
  private final RedisHistoryStore history;
  private final RedisTokenBudget budget;
  private final RedisHandoffStore handoffs;

  /**
   * @param budget the tenants' token budget, or null for none
   * @param handoffs the handed-off threads, or null when handoff is not wired
   */
  RedisConversationLine(UnifiedJedis redis, RedisTurnSequencer sequencer, RedisHistoryStore history,
      RedisTokenBudget budget, RedisHandoffStore handoffs) {
    this.redis = redis;
    this.sequencer = sequencer;
    this.history = history;
    this.budget = budget;
    this.handoffs = handoffs;
  }

  @Override
  public Place enqueue(ConversationKey key) {
    sequencer.ensureOpen();
    List<String> lineKeys = sequencer.lineKeys(key);
    List<?> taken = (List<?>) SequencerScripts.TAKE.run(redis, with(lineKeys, history.generationKey(key)),
        List.of(sequencer.leaseMs(), sequencer.idleMs()));
    return new RedisPlace(key, sequencer.started(key, lineKeys, (Long) taken.get(0)), (Long) taken.get(1));
  }

  @Override
  public Optional<Place> enqueueUnlessHandedOff(ConversationKey key, Turn said) {
    if (handoffs == null) return Optional.of(enqueue(key));
    sequencer.ensureOpen();
    List<String> lineKeys = sequencer.lineKeys(key);
    List<String> keys = with(lineKeys, history.generationKey(key), handoffs.key(key));
    keys.addAll(history.appendKeys(key));
    List<String> args = new ArrayList<>(List.of(sequencer.leaseMs(), sequencer.idleMs()));
    history.addAppendArguments(args, "", said == null ? List.of() : List.of(said));
    List<?> taken = (List<?>) SequencerScripts.TAKE_UNLESS_HANDED_OFF.run(redis, keys, args);
    long ticket = (Long) taken.get(0);
    if (ticket == 0) return Optional.empty();
    return Optional.of(new RedisPlace(key, sequencer.started(key, lineKeys, ticket), (Long) taken.get(1)));
  }

  private static List<String> with(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }

  private static String text(Object reply) {
    return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) reply;
  }

  private final class RedisPlace implements Place {
    private final ConversationKey key;
    private final RedisTurnSequencer.LeasedTicket ticket;
    private final long generation;

    RedisPlace(ConversationKey key, RedisTurnSequencer.LeasedTicket ticket, long generation) {
      this.key = key;
      this.ticket = ticket;
      this.generation = generation;
    }

    @Override
    public long generation() {
      return generation;
    }

    @Override
    public Front awaitTurn(Duration maxWait) throws InterruptedException, TimeoutException {
      List<String> keys = with(sequencer.lineKeys(key), history.historyKey(key), history.appendKeys(key).get(1));
      List<?> reply = (List<?>) ticket.await(maxWait, SequencerScripts.AWAIT, keys, r -> (Long) ((List<?>) r).get(0));
      String model = text(reply.get(1));
      List<Turn> turns = reply.subList(2, reply.size()).stream().map(turn -> TurnJson.decode(text(turn))).toList();
      return new Front(turns, model.isEmpty() ? Optional.empty() : Optional.of(model));
    }

    @Override
    public boolean write(List<Turn> turns, long tokens) {
      return written(null, turns, tokens) >= 0;
    }

    @Override
    public Rewritten writeAnswerAgain(Turn question, List<Turn> turns, long tokens) {
      long kept = written(question, turns, tokens);
      return kept >= 0 ? Rewritten.KEPT : kept == -1 ? Rewritten.RESET : Rewritten.MOVED_ON;
    }

    /** The WRITE script's first reply: turns kept, -1 (reset) or -2 (moved on). */
    private long written(Turn question, List<Turn> turns, long tokens) {
      List<String> keys = new ArrayList<>(sequencer.lineKeys(key));
      keys.addAll(history.appendKeys(key));
      List<String> args = new ArrayList<>(turns.size() + 7);
      args.add(Long.toString(ticket.number()));
      args.add(sequencer.idleMs());
      args.add(question == null ? "" : TurnJson.encode(question));
      history.addAppendArguments(args, Long.toString(generation), turns);
      RedisTokenBudget.Spending spending = budget != null && tokens > 0 ? budget.spending(key, tokens) : null;
      Response<Object> spent = null;
      Response<Object> written;
      try (AbstractPipeline pipeline = redis.pipelined()) {
        if (spending != null) spent = RedisTokenBudget.SPEND.queue(pipeline, spending.keys(), spending.args());
        written = SequencerScripts.WRITE.queue(pipeline, keys, args);
        pipeline.sync();
      } catch (RuntimeException e) {
        if (spending != null) log.warn("could not count tokens against the tenant's budget tokens={}", tokens);
        throw e;
      }
      if (spent != null) counted(spent, spending, tokens);
      List<?> reply = (List<?>) SequencerScripts.WRITE.reply(written, redis, keys, args);
      ticket.leftTheLine();
      if ((Long) reply.get(1) == 0) log.warn("turn lease expired before its history was written; written anyway");
      return (Long) reply.get(0);
    }

    private void counted(Response<Object> spent, RedisTokenBudget.Spending spending, long tokens) {
      try {
        RedisTokenBudget.SPEND.reply(spent, redis, spending.keys(), spending.args());
      } catch (RuntimeException e) {
        log.warn("could not count tokens against the tenant's budget tokens={}", tokens, e);
      }
    }

    @Override
    public void close() {
      ticket.close();
    }
  }
}
