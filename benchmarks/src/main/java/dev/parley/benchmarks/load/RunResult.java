package dev.parley.benchmarks.load;

/**
 * The figures of one run at one size, as the report shows them.
 *
 * @param placeholder from the event leaving the fake platform to the placeholder or status arriving, ms
 * @param lag from a token leaving the fake Groq to an edit showing it arriving, ms
 * @param lagBeyond {@code lag} less the permitted interval, at least 0, ms
 * @param firstWords from the question to the first view showing any of its answer, ms
 * @param complete from the question to the first view showing the whole answer, ms
 * @param cpuSeconds CPU time (user and system) of the bot process over the measured run
 * @param botJitSeconds CPU time of the bot's JIT compiler threads over the measured run
 * @param benchmarkCpuSeconds CPU time of the benchmark's own process (the fakes and the driver) over the measured run
 */
record RunResult(String platform, int n, Distribution placeholder, Distribution lag, Distribution lagBeyond,
    Distribution firstWords, Distribution complete,
    double intervalMs, long tokens, long tokensLost, int conversationsWithLoss, int unanswered, int tooManyRequests,
    int sentBeforeRetryAfter, int peakHeapAfterGcMb, int peakThreads, double cpuSeconds, double botJitSeconds,
    double benchmarkCpuSeconds, RedisUse redis, double seconds) {

  double cpuSecondsPer1000Tokens() {
    return tokens == 0 ? Double.NaN : cpuSeconds / (tokens / 1000.0);
  }

  /**
   * The same without the JIT: what a bot that has run for hours spends, where a run of seconds
   * still finds C2 recompiling (JDK concurrency code deoptimised as contention changes).
   */
  double cpuSecondsPer1000TokensWithoutJit() {
    return tokens == 0 ? Double.NaN : (cpuSeconds - botJitSeconds) / (tokens / 1000.0);
  }
}
