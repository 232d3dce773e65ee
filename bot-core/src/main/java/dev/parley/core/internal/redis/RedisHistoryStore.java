package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.history.HistoryLimits;
import dev.parley.core.internal.history.HistoryStore;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.internal.history.TurnJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * History in a Redis list per conversation ({@code <prefix>{<conversation>}:history}), one JSON
 * turn per element, oldest first. {@link #append} is one Lua script: push, trim the oldest turns
 * until at most {@code maxTurns} turns of at most {@code maxBytes} bytes remain and the list does
 * not start with a tool result (the rule of {@link HistoryLimits}), renew the TTL of the history
 * and of the conversation's settings (which sit in the same slot), so a conversation's choices
 * live exactly as long as its history.
 * {@link #removeAnswerTo} is one script as well: find the last user turn, compare, trim.
 * {@link #clear} deletes the history only: {@code /reset} forgets what was said, not the model
 * the conversation picked.
 *
 * <p>The generation is a counter beside the list ({@code <prefix>{<conversation>}:generation}, same
 * slot) that {@link #clear} increments in the same script that deletes the list, and that a
 * conditional append compares inside its own script: the check and the write are one atomic step,
 * so no instance can append between another instance's reset and its own check. The counter
 * expires with the history; an absent counter is generation 0. Thread-safe; the client is owned by
 * the caller.
 */
public final class RedisHistoryStore implements HistoryStore {

  public static final int DEFAULT_MAX_TURNS = HistoryLimits.DEFAULT_MAX_TURNS;
  public static final Duration DEFAULT_TTL = Duration.ofDays(7);

  /**
   * Lua: {@code appendTurns(history, settings, generation, a)}, with ARGV[a .. a+3] = maxTurns, ttlMs,
   * maxBytes, the expected generation ('' for none), and the turns from ARGV[a+4] on. Returns -1,
   * having written nothing, when the generation moved, else the turns kept. A list element's
   * length is its UTF-8 size, the measure HistoryLimits uses. Reading the list back costs at most
   * maxBytes plus the new turns, inside Redis; the head is decoded only to see whether it is a tool
   * result. Shared with the conversation line's write ({@link SequencerScripts#WRITE}).
   */
  static final String APPEND_FUNCTION = """
      local function appendTurns(history, settings, generation, a)
        if ARGV[a + 3] ~= '' and tonumber(redis.call('GET', generation) or '0') ~= tonumber(ARGV[a + 3]) then
          return -1
        end
        if #ARGV >= a + 4 then redis.call('RPUSH', history, unpack(ARGV, a + 4)) end
        local maxTurns = tonumber(ARGV[a])
        local maxBytes = tonumber(ARGV[a + 2])
        local items = redis.call('LRANGE', history, 0, -1)
        local bytes = 0
        for i = 1, #items do bytes = bytes + #items[i] end
        local first = 1
        while first <= #items and (#items - first + 1 > maxTurns or bytes > maxBytes
            or cjson.decode(items[first])['role'] == 'tool') do
          bytes = bytes - #items[first]
          first = first + 1
        end
        if first > #items then
          redis.call('DEL', history)
        elseif first > 1 then
          redis.call('LTRIM', history, first - 1, -1)
        end
        redis.call('PEXPIRE', history, ARGV[a + 1])
        redis.call('PEXPIRE', settings, ARGV[a + 1])
        redis.call('PEXPIRE', generation, ARGV[a + 1])
        return #items - first + 1
      end
      """;

  // KEYS: history, settings, generation. ARGV: as appendTurns reads them from 1.
  private static final RedisScript APPEND = new RedisScript(
      APPEND_FUNCTION + "return appendTurns(KEYS[1], KEYS[2], KEYS[3], 1)\n");

  // KEYS: history, generation. ARGV: ttlMs. Forgets the turns and moves the generation on.
  private static final RedisScript CLEAR = new RedisScript("""
      redis.call('DEL', KEYS[1])
      local generation = redis.call('INCR', KEYS[2])
      redis.call('PEXPIRE', KEYS[2], ARGV[1])
      return generation
      """);

  // ARGV: the question's stored form. The list is read from its newest end until a user turn: only
  // when that turn is exactly the question is everything after it trimmed away, in the same script,
  // so no append of another instance can fall between the check and the trim.
  /**
   * Lua: {@code removeAnswerTo(history, question)}: 1, having trimmed what follows it, when the
   * last user turn is {@code question} (its JSON), else 0. Shared with the conversation line's
   * write of an answer asked again ({@link SequencerScripts#WRITE}).
   */
  static final String REMOVE_ANSWER_FUNCTION = """
      local function removeAnswerTo(history, question)
        local items = redis.call('LRANGE', history, 0, -1)
        for i = #items, 1, -1 do
          if cjson.decode(items[i])['role'] == 'user' then
            if items[i] ~= question then return 0 end
            if i < #items then redis.call('LTRIM', history, 0, i - 1) end
            return 1
          end
        end
        return 0
      end
      """;

  private static final RedisScript REMOVE_ANSWER = new RedisScript(
      REMOVE_ANSWER_FUNCTION + "return removeAnswerTo(KEYS[1], ARGV[1])\n");

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final HistoryLimits limits;
  private final Duration ttl;

  public RedisHistoryStore(UnifiedJedis redis, String prefix) {
    this(redis, prefix, HistoryLimits.DEFAULT, DEFAULT_TTL);
  }

  /**
   * @param prefix prepended to every key, such as {@code parley:}
   * @param maxTurns the most turns kept per conversation; older ones are dropped first
   * @param ttl how long an untouched conversation is kept
   */
  public RedisHistoryStore(UnifiedJedis redis, String prefix, int maxTurns, Duration ttl) {
    this(redis, prefix, HistoryLimits.ofTurns(maxTurns), ttl);
  }

  /**
   * @param prefix prepended to every key, such as {@code parley:}
   * @param limits the most turns and bytes kept per conversation; older turns are dropped first
   * @param ttl how long an untouched conversation is kept
   */
  public RedisHistoryStore(UnifiedJedis redis, String prefix, HistoryLimits limits, Duration ttl) {
    if (ttl.toMillis() < 1) throw new IllegalArgumentException("ttl must be positive");
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new RedisKeys(prefix);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.ttl = ttl;
  }

  @Override
  public List<Turn> load(ConversationKey key) {
    return redis.lrange(historyKey(key), 0, -1).stream().map(TurnJson::decode).toList();
  }

  @Override
  public void append(ConversationKey key, List<Turn> turns) {
    write(key, "", turns);
  }

  @Override
  public long generation(ConversationKey key) {
    String generation = redis.get(generationKey(key));
    return generation == null ? 0 : Long.parseLong(generation);
  }

  @Override
  public boolean append(ConversationKey key, long generation, List<Turn> turns) {
    return write(key, Long.toString(generation), turns);
  }

  private boolean write(ConversationKey key, String expectedGeneration, List<Turn> turns) {
    if (turns.isEmpty()) return expectedGeneration.isEmpty() || generation(key) == Long.parseLong(expectedGeneration);
    List<String> args = new ArrayList<>(turns.size() + 4);
    addAppendArguments(args, expectedGeneration, turns);
    long kept = APPEND.runForLong(redis, appendKeys(key), args);
    return kept >= 0;
  }

  /** The keys {@code appendTurns} writes: history, settings, generation. */
  List<String> appendKeys(ConversationKey key) {
    return List.of(historyKey(key), RedisConversationSettingsStore.settingsKey(keys, key), generationKey(key));
  }

  /** Adds what {@code appendTurns} reads from its ARGV index on: limits, TTL, generation, turns. */
  void addAppendArguments(List<String> args, String expectedGeneration, List<Turn> turns) {
    args.add(Integer.toString(limits.maxTurns()));
    args.add(Long.toString(ttl.toMillis()));
    args.add(Long.toString(limits.maxBytes()));
    args.add(expectedGeneration);
    turns.forEach(turn -> args.add(TurnJson.encode(turn)));
  }

  boolean sameStore(UnifiedJedis client, String prefix) {
    return redis == client && keys.prefix().equals(prefix);
  }

  @Override
  public long clear(ConversationKey key) {
    return CLEAR.runForLong(redis, List.of(historyKey(key), generationKey(key)), List.of(Long.toString(ttl.toMillis())));
  }

  @Override
  public boolean removeAnswerTo(ConversationKey key, Turn question) {
    return REMOVE_ANSWER.runForLong(redis, List.of(historyKey(key)), List.of(TurnJson.encode(question))) == 1;
  }

  String historyKey(ConversationKey key) {
    return keys.conversation(key, "history");
  }

  String generationKey(ConversationKey key) {
    return keys.conversation(key, "generation");
  }
}
