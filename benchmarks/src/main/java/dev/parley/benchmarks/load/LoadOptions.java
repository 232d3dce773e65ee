package dev.parley.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's settings, from {@code key=value} arguments; every one has a default, so
 * {@code benchmarks/load.sh} alone runs the sizes.
 *
 * @param warmUp conversations per warm-up round, or 0 for as many as the run measures ({@link #warmUpFor})
 * @param warmUpRounds the most warm-up rounds before measuring, however busy the JIT still is
 */
record LoadOptions(Path jar, List<Integer> sizes, List<Integer> slackSizes, int tokens, int tokensPerSecond, Duration firstToken,
    Duration ramp, int perChannel, int warmUp, int warmUpRounds, Duration idleWindow, String redisHost, int redisPort, String heap,
    String gc, boolean profile, Path out) {

  /** The most warm-up rounds: round ids are spaced a million apart and must stay within an int. */
  static final int MAX_WARM_UP_ROUNDS = 1000;

  /** Conversations per warm-up round before a run of {@code n}: {@code warmup=}, by default {@code n}, never more than {@code n}. */
  int warmUpFor(int n) {
    return warmUp == 0 ? n : Math.min(n, warmUp);
  }

  /** Whether to start a redis-server of the benchmark's own rather than use {@code redis}. */
  boolean privateRedis() {
    return redisHost.equals("own");
  }

  static final String USAGE = """
      usage: LoadBenchmark [key=value ...]
        jar=deploy/target/parley.jar   the jar to run
        n=100,300,1000                 concurrent conversations on Discord, one run (and one fresh bot) per size
        slack=5                        concurrent conversations in one Slack workspace (docs/capacity.md
                                       derives 5); none skips Slack
        tokens=300                     tokens per answer (a 3-second stream at the default pace)
        rate=100                       tokens per second per stream
        first=50                       ms before the first token
        ramp=1000                      ms over which the n questions are asked
        perChannel=10                  conversations per Discord channel
        warmup=n                       unmeasured conversations per warm-up round, asked as the measured ones
                                       are (same ramp and channels, other ids); n, the default, is the run's size
        warmupRounds=16                warm-up rounds at most; they stop early once the JIT of the bot and of
                                       the benchmark each took under 3% of a round's wall time
        idle=3000                      ms of an idle bot, to subtract a shared Redis's other traffic
        redis=127.0.0.1:6379           Redis (keys go under a fresh prefix and are deleted after); redis=own
                                       starts a private redis-server, whose command counts no one else adds to
        heap=1g                        the bot's -Xmx
        gc=zgc                         the bot's collector: zgc (generational), as its image runs it, or g1
        profile=false                  true records the bot with JFR (parley.jfr beside its logs)
        out=benchmarks/target/load     where the report, the picture and the bot's logs go
      """;

  static LoadOptions parse(String... args) {
    Map<String, String> values = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) throw new IllegalArgumentException("not key=value: " + arg + "\n" + USAGE);
      values.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    List<String> known = List.of("jar", "n", "slack", "tokens", "rate", "first", "ramp", "perChannel", "warmup", "warmupRounds", "idle", "redis",
        "heap", "gc", "profile", "out");
    for (String key : values.keySet()) {
      if (!known.contains(key)) throw new IllegalArgumentException("unknown option " + key + "\n" + USAGE);
    }
    String[] redis = (values.getOrDefault("redis", "127.0.0.1:6379") + ":0").split(":");
    return new LoadOptions(Path.of(values.getOrDefault("jar", "deploy/target/parley.jar")),
        sizes(values.getOrDefault("n", "100,300,1000")), sizes(values.getOrDefault("slack", "5")),
        positive(values, "tokens", 300), positive(values, "rate", 100),
        Duration.ofMillis(positive(values, "first", 50)), Duration.ofMillis(positive(values, "ramp", 1000)),
        positive(values, "perChannel", 10), values.getOrDefault("warmup", "n").equals("n") ? 0 : positive(values, "warmup", 1),
        warmUpRounds(values),
        Duration.ofMillis(positive(values, "idle", 3000)), redis[0], Integer.parseInt(redis[1]),
        values.getOrDefault("heap", "1g"), collector(values.getOrDefault("gc", "zgc")), Boolean.parseBoolean(values.getOrDefault("profile", "false")), Path.of(values.getOrDefault("out", "benchmarks/target/load")));
  }

  private static List<Integer> sizes(String list) {
    if (list.isBlank() || list.equals("none")) return List.of();
    return Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }

  private static String collector(String gc) {
    if (!gc.equals("zgc") && !gc.equals("g1")) throw new IllegalArgumentException("gc must be zgc or g1, not " + gc);
    return gc;
  }

  private static int warmUpRounds(Map<String, String> values) {
    int rounds = positive(values, "warmupRounds", 16);
    if (rounds > MAX_WARM_UP_ROUNDS) throw new IllegalArgumentException("warmupRounds must be at most " + MAX_WARM_UP_ROUNDS);
    return rounds;
  }

  private static int positive(Map<String, String> values, String key, int fallback) {
    int value = Integer.parseInt(values.getOrDefault(key, Integer.toString(fallback)));
    if (value < 1) throw new IllegalArgumentException(key + " must be at least 1");
    return value;
  }
}
