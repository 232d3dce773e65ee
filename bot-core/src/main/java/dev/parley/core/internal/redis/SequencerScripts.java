package dev.parley.core.internal.redis;

/**
 * The Lua side of {@link RedisTurnSequencer} and of {@link RedisConversationLine}. KEYS always
 * begin with {@code next}, {@code serving}, {@code alive} (the line's scripts add the history's keys,
 * all in the conversation's slot); ARGV of the per-ticket scripts are the ticket, the lease and the
 * idle TTL in milliseconds. Times come from the server's clock ({@code TIME}), so instances with skewed
 * clocks agree on which leases have run out.
 */
final class SequencerScripts {

  private SequencerScripts() {}

  private static final String NOW = """
      local clock = redis.call('TIME')
      local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
      """;

  private static final String TOUCH = """
      for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[#ARGV]) end
      """;

  /** {@link #TOUCH} for the scripts that take a place, whose ARGV may go on after the idle TTL. */
  private static final String TOUCH_TAKEN = """
      for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
      """;

  /** ARGV: lease, idle TTL. Hands out the next ticket, alive from now on. */
  static final RedisScript ENQUEUE = new RedisScript(NOW + """
      local ticket = redis.call('INCR', KEYS[1])
      redis.call('SET', KEYS[2], ticket, 'NX')
      redis.call('ZADD', KEYS[3], now + tonumber(ARGV[1]), ticket)
      """ + TOUCH + "return ticket");

  /**
   * Skips dead tickets ahead of the caller, then answers 1 (the caller's turn; its lease is
   * renewed), 0 (an earlier ticket is alive: wait) or -1 (the caller itself was skipped as dead).
   */
  static final RedisScript POLL = new RedisScript(NOW + PollBody.TEXT + TOUCH + "return state");

  /**
   * ARGV: lease, idle TTL; KEYS also the history's {@code generation}. {@link #ENQUEUE} that also
   * reads the generation, in the same step: {ticket, generation}.
   */
  static final RedisScript TAKE = new RedisScript(NOW + TakeBody.TEXT);

  /**
   * {@link #TAKE}, with KEYS also the thread's {@code handoff} (see {@code RedisHandoffStore}), then
   * the history's {@code history}, {@code settings}, {@code generation}; ARGV from 3 on what
   * {@code appendTurns} reads, with no generation to check and the message's user turn (or none).
   * While {@code handoff} exists, the thread is handed off to people: the turn is appended and the
   * reply is {0, 0}, with no place taken (tickets start at 1). Read in this step because the turn
   * takes it anyway, before anything is shown: a separate GET would be a fifth round trip in every
   * turn of a handoff channel.
   */
  static final RedisScript TAKE_UNLESS_HANDED_OFF = new RedisScript(RedisHistoryStore.APPEND_FUNCTION + """
      if redis.call('EXISTS', KEYS[5]) == 1 then
        if #ARGV >= 7 then appendTurns(KEYS[6], KEYS[7], KEYS[8], 3) end
        return {0, 0}
      end
      """ + NOW + TakeBody.TEXT);

  private static final class TakeBody {
    static final String TEXT = """
      local ticket = redis.call('INCR', KEYS[1])
      redis.call('SET', KEYS[2], ticket, 'NX')
      redis.call('ZADD', KEYS[3], now + tonumber(ARGV[1]), ticket)
      """ + TOUCH_TAKEN + "return {ticket, tonumber(redis.call('GET', KEYS[4]) or '0')}";
  }

  /**
   * {@link #POLL}, with KEYS also {@code history} and {@code settings}: once it is the caller's turn
   * the reply carries what the prompt needs, {1, model or '', turns...}; else {state}. The model is
   * '' rather than nil when none was picked: Redis turns a Lua table into an array reply that stops
   * at its first nil (the Lua-to-RESP conversion rules of EVAL), which would drop the turns.
   * Unlike POLL it does not renew the keys' idle TTL: {@link #TAKE} set it moments before, the
   * ticket's heartbeat renews it while the turn waits or runs, and {@link #WRITE} sets it again at
   * the end, so three more PEXPIREs on every turn bought nothing (the load benchmark counted them).
   */
  static final RedisScript AWAIT = new RedisScript(NOW + PollBody.TEXT + """
      if state ~= 1 then return {state} end
      local reply = {1, redis.call('HGET', KEYS[5], 'model') or ''}
      for _, turn in ipairs(redis.call('LRANGE', KEYS[4], 0, -1)) do reply[#reply + 1] = turn end
      return reply
      """);

  /**
   * The end of a turn in one step. KEYS: the line's three, then {@code history}, {@code settings},
   * {@code generation}. ARGV: ticket, idle TTL, the question answered again ('' for a new one), then
   * what {@code appendTurns} reads from 4 on. Appends (only while the generation holds, and even
   * when the ticket's lease ran out: a late holder's answer is still the conversation's), an answer
   * asked again only in place of the old answer to its question, then leaves the line as
   * {@link #RELEASE} does. Returns {turns kept, or -1 when the generation moved, or -2 when the
   * question answered again is no longer the last; 1 if the ticket still held the line}.
   */
  static final RedisScript WRITE = new RedisScript(RedisHistoryStore.APPEND_FUNCTION
      + RedisHistoryStore.REMOVE_ANSWER_FUNCTION + NOW + """
      local ticket = tonumber(ARGV[1])
      local leaseEnd = redis.call('ZSCORE', KEYS[3], ARGV[1])
      local held = 0
      if tonumber(redis.call('GET', KEYS[2]) or '0') == ticket and leaseEnd and tonumber(leaseEnd) >= now then
        held = 1
      end
      local kept
      if ARGV[3] == '' then
        kept = appendTurns(KEYS[4], KEYS[5], KEYS[6], 4)
      elseif ARGV[7] ~= '' and tonumber(redis.call('GET', KEYS[6]) or '0') ~= tonumber(ARGV[7]) then
        kept = -1
      elseif removeAnswerTo(KEYS[4], ARGV[3]) == 0 then
        kept = -2
      else
        kept = appendTurns(KEYS[4], KEYS[5], KEYS[6], 4)
      end
      redis.call('ZREM', KEYS[3], ticket)
      if tonumber(redis.call('GET', KEYS[2]) or '0') == ticket then
        redis.call('SET', KEYS[2], ticket + 1)
      end
      for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
      return {kept, held}
      """);

  /** Skips dead tickets ahead of ARGV[1] and leaves the caller's {@code state} (see POLL). */
  private static final class PollBody {
    static final String TEXT = """
      local ticket = tonumber(ARGV[1])
      local serving = tonumber(redis.call('GET', KEYS[2]) or ARGV[1])
      while serving < ticket do
        local leaseEnd = redis.call('ZSCORE', KEYS[3], serving)
        if leaseEnd and tonumber(leaseEnd) >= now then break end
        redis.call('ZREM', KEYS[3], serving)
        serving = serving + 1
      end
      redis.call('SET', KEYS[2], serving)
      local state = 0
      if serving == ticket then
        redis.call('ZADD', KEYS[3], now + tonumber(ARGV[2]), ticket)
        state = 1
      elseif serving > ticket then
        state = -1
      end
      """;
  }

  /** 1 while the ticket is served and its lease has not run out. */
  static final RedisScript STILL_HELD = new RedisScript(NOW + """
      local leaseEnd = redis.call('ZSCORE', KEYS[3], ARGV[1])
      local held = tonumber(redis.call('GET', KEYS[2]) or '0') == tonumber(ARGV[1])
          and leaseEnd and tonumber(leaseEnd) >= now
      if held then return 1 end
      return 0
      """);

  /**
   * Extends the lease of a ticket still in the line. 0 once it has been closed or skipped as
   * dead: a skipped ticket must never come back.
   */
  static final RedisScript RENEW = new RedisScript(NOW + """
      if not redis.call('ZSCORE', KEYS[3], ARGV[1]) then return 0 end
      redis.call('ZADD', KEYS[3], now + tonumber(ARGV[2]), ARGV[1])
      """ + TOUCH + "return 1");

  /** Leaves the line; advances {@code serving} only if this ticket holds it (fencing). */
  static final RedisScript RELEASE = new RedisScript("""
      local ticket = tonumber(ARGV[1])
      redis.call('ZREM', KEYS[3], ticket)
      if tonumber(redis.call('GET', KEYS[2]) or '0') == ticket then
        redis.call('SET', KEYS[2], ticket + 1)
      end
      """ + TOUCH + "return 1");
}
