package dev.parley.benchmarks.load;

import java.util.Map;
import java.util.TreeMap;

/**
 * Redis commands per answering turn: the server's count over the run, less what it ran at the
 * same rate while the bot was idle (another tenant of a shared Redis, and the bot's own idle
 * traffic), divided by the turns.
 *
 * @param perTurn commands per turn, all commands together
 * @param byCommand commands per turn by name, such as {@code evalsha}
 * @param idlePerSecond the rate subtracted, all commands together
 */
record RedisUse(double perTurn, Map<String, Double> byCommand, double idlePerSecond) {
  static RedisUse of(Map<String, Long> idle, double idleSeconds, Map<String, Long> run, double runSeconds, int turns) {
    Map<String, Double> byCommand = new TreeMap<>();
    double total = 0;
    double idleRate = 0;
    for (Map.Entry<String, Long> e : run.entrySet()) {
      double background = idle.getOrDefault(e.getKey(), 0L) / idleSeconds * runSeconds;
      double net = Math.max(0, e.getValue() - background) / turns;
      if (net >= 0.005) byCommand.put(e.getKey(), net);
      total += net;
    }
    for (long calls : idle.values()) idleRate += calls / idleSeconds;
    return new RedisUse(total, byCommand, idleRate);
  }
}
