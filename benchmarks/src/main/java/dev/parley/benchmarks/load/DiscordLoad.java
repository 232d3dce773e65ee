package dev.parley.benchmarks.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.discord.e2e.DiscordPayloads;
import dev.parley.discord.e2e.FakeDiscord;
import dev.parley.discord.e2e.FakeDiscordChannels;
import dev.parley.discord.e2e.FakeDiscordLimits;
import dev.parley.discord.e2e.InteractionPayloads;
import dev.parley.discord.e2e.RecordedCall;
import dev.parley.discord.e2e.Snowflakes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * One benchmark run on Discord: the real jar against the fake Discord and the paced Groq, {@code n}
 * people running {@code /ask} at once, each in a channel shared with {@code perChannel - 1}
 * others, each a different user.
 */
final class DiscordLoad {
  /**
   * Warm-up round {@code r}'s conversations have the ids from {@code r * WARM_UP_ID_STRIDE} on, so
   * they never meet the measured ones (0 to n - 1) nor another round's: the paced Groq keys
   * answers by that id, and the measurements pick the measured conversations by it.
   */
  static final int WARM_UP_ID_STRIDE = 1_000_000;
  /**
   * Warm-up ends once the bot's JIT and the benchmark's each compiled for less than this share of
   * a round's wall time. C2 never quite stops (an odd path still gets compiled or recompiled now
   * and then), so the bar cannot be zero; at 3 % of a round, compilation takes at most 0.03 of
   * one of the machine's two cores per process, a small part of the machine, where after even
   * 1,000 warm-up questions in one go the bot's C2 threads still took 25 to 30 % of its CPU.
   */
  static final double QUIET_JIT_SHARE = 0.03;

  private final LoadOptions options;

  DiscordLoad(LoadOptions options) {
    this.options = options;
  }

  /** What one conversation was sent and when: the interaction's token and the moment it was dispatched. */
  record Asked(int id, String token, long at) {}

  RunResult run(int n) throws IOException, InterruptedException {
    if (n >= WARM_UP_ID_STRIDE) throw new IllegalArgumentException("n must be below " + WARM_UP_ID_STRIDE);
    String prefix = "parley-load-" + Long.toHexString(System.nanoTime()) + ":";
    Path dir = options.out().resolve("discord-n" + n);
    int port = freePort();
    PrivateRedis own = options.privateRedis() ? PrivateRedis.start() : null;
    String redisHost = own == null ? options.redisHost() : "127.0.0.1";
    int redisPort = own == null ? options.redisPort() : own.port();
    try (own; PacedGroq groq = new PacedGroq(options.tokens(), options.tokensPerSecond(), options.firstToken());
        FakeDiscord discord = FakeDiscord.start();
        RedisCommands redis = new RedisCommands(redisHost, redisPort)) {
      Map<String, String> env = Map.of("GROQ_BASE_URL", groq.baseUrl(), "GROQ_API_KEY", "gsk_load_benchmark",
          "PORT", Integer.toString(port), "DISCORD_TOKEN", FakeDiscord.TOKEN,
          "DISCORD_API_URL", discord.apiUrl(), "DISCORD_GATEWAY_URL", discord.gatewayUrl(),
          "DISCORD_COMMAND_GUILDS", DiscordPayloads.GUILD_ID,
          "REDIS_URL", "redis://" + redisHost + ":" + redisPort, "PARLEY_REDIS_PREFIX", prefix);
      try (BotProcess bot = BotProcess.start(options.jar(), options.heap(), options.gc(), options.profile(), env, port, dir)) {
        bot.awaitReady(Duration.ofSeconds(120));
        bot.connectManagement();
        progress("n=%d: parley.jar ready (pid %d); warming up", n, bot.pid());
        createChannels(discord, n);
        warmUp(bot, discord, groq, n);

        BotMeter.Idle idle = BotMeter.Idle.count(redis, options.idleWindow());

        progress("n=%d: asking", n);
        BotMeter meter = new BotMeter(bot, redis);
        Instant measuredFrom = Instant.now();
        Thread.ofVirtual().start(() -> collectAtPeak(bot, n, options));
        List<Asked> asked = ask(discord, 0, n, options.ramp());
        boolean allAnswered = awaitAnswered(discord, groq, asked, answerDeadline(n));
        BotMeter.Measured m = meter.stop(n, idle);
        progress("n=%d: %s after %.1f s; stopping parley.jar", n, allAnswered ? "all answered" : "NOT all answered",
            m.seconds());
        bot.stop(Duration.ofSeconds(30));

        // The calls since the measured questions went out: the warm-up's 429s are not the run's.
        List<RecordedCall> calls = discord.calls().stream().filter(c -> !c.at().isBefore(measuredFrom)).toList();
        DiscordMeasurements measured = new DiscordMeasurements(calls, asked, groq::sent, options.tokens());
        measured.writePlaceholders(dir.resolve("placeholders.csv"));
        measured.timeline().writeAnswers(dir.resolve("answers.csv"));
        measured.writeRateLimited(dir.resolve("rate-limited.csv"));
        AnswerTimeline t = measured.timeline();
        return new RunResult("discord", n, measured.placeholders(), t.lags(), t.lagBeyondInterval(), t.firstWords(), t.complete(),
            DiscordMeasurements.INTERACTION_INTERVAL_MS, t.tokensSent(), t.tokensLost(), t.answersWithLoss(),
            measured.unanswered(), measured.tooManyRequests(),
            (int) FakeDiscordLimits.unhonouredSince(discord, measuredFrom), m.peakHeapAfterGcMb(),
            m.peakThreads(), m.cpuSeconds(), m.botJitSeconds(), m.benchmarkCpuSeconds(), m.redis(), m.seconds());
      } finally {
        progress("n=%d: deleted %d Redis keys under %s", n, redis.deleteKeys(prefix), prefix);
      }
    }
  }

  /**
   * Warms the bot up, and the benchmark with it, as JMH's warm-up iterations do: rounds of
   * {@code warmup=} conversations asked exactly as the measured ones will be (the same ramp and
   * channels, ids of their own, the same collection at the peak), each waited for until answered,
   * until a round in which neither JVM's JIT compiled for more than {@link #QUIET_JIT_SHARE} of its wall time, or {@code
   * warmupRounds=} rounds. A bot in production runs for days with a warm JIT; on two cores a busy
   * one would take CPU from the very work being timed.
   */
  private void warmUp(BotProcess bot, FakeDiscord discord, PacedGroq groq, int n) throws IOException, InterruptedException {
    int count = options.warmUpFor(n);
    for (int round = 1; round <= options.warmUpRounds(); round++) {
      double botJitBefore = bot.compileSeconds();
      double ownJitBefore = BotMeter.ownJitSeconds();
      long from = System.nanoTime();
      // The measured run's collection at the peak too: its first calls run the management agent's
      // RMI and JMX code in the bot, which the JIT then compiles here rather than in the window.
      Thread.ofVirtual().start(() -> collectAtPeak(bot, n, options));
      List<Asked> asked = ask(discord, round * WARM_UP_ID_STRIDE, count, options.ramp());
      boolean allAnswered = awaitAnswered(discord, groq, asked, answerDeadline(count));
      // What the fakes recorded of a warm-up round is never read. Kept, sixteen rounds of it were
      // about a gigabyte live in this JVM, whose young pauses of 120 ms then stalled the fake
      // Discord in the measured window and showed as the bot's placeholder latency.
      discord.forgetCalls();
      groq.forgetAnswers();
      double seconds = (System.nanoTime() - from) / 1e9;
      double botJit = bot.compileSeconds() - botJitBefore;
      double ownJit = BotMeter.ownJitSeconds() - ownJitBefore;
      progress("n=%d: warm-up round %d: bot JIT %.2f s, benchmark JIT %.2f s in %.1f s%s", n, round, botJit, ownJit, seconds,
          allAnswered ? "" : " (NOT all answered)");
      if (botJit < QUIET_JIT_SHARE * seconds && ownJit < QUIET_JIT_SHARE * seconds) return;
    }
    progress("n=%d: the JIT was still busy after %d warm-up rounds; measuring anyway", n, options.warmUpRounds());
  }

  /**
   * Announces the benchmark's channels with CHANNEL_CREATE, as Discord does when a channel is
   * added: JDA drops an interaction from a channel it has not cached ("Failed to create channel
   * instance for interaction"), and the fake's guild holds only two.
   */
  private void createChannels(FakeDiscord discord, int n) {
    for (int c = 0; c * options.perChannel() < n; c++) FakeDiscordChannels.create(discord, channel(c));
  }

  private static ObjectNode channel(int index) {
    return DiscordPayloads.textChannel().put("id", Long.toString(1_400_000_000_000_000_000L + index))
        .put("name", "load-" + index).put("position", 2 + index);
  }

  /** Dispatches {@code count} {@code /ask} interactions, spread evenly over {@code ramp}. */
  private List<Asked> ask(FakeDiscord discord, int firstId, int count, Duration ramp) {
    List<Asked> asked = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + ramp.toNanos() * i / Math.max(1, count);
      LockSupport.parkNanos(due - System.nanoTime());
      int id = firstId + i;
      ObjectNode interaction = InteractionPayloads.slashCommand(Snowflakes.now(), "ask",
          new InteractionPayloads.Place(channel(i / options.perChannel()), true),
          InteractionPayloads.stringOption("prompt", "q" + id + " how do I keep a bot fast under load?"));
      ((ObjectNode) interaction.path("member").path("user"))
          .put("id", Long.toString(1_500_000_000_000_000_000L + id)).put("username", "person" + id);
      asked.add(new Asked(id, interaction.get("token").asText(), System.currentTimeMillis()));
      discord.interact(interaction);
    }
    return asked;
  }

  /**
   * Waits until every conversation's original response shows its whole answer, or until nothing
   * has reached the fake Discord for ten seconds after the last stream ended, or the deadline.
   */
  private static boolean awaitAnswered(FakeDiscord discord, PacedGroq groq, List<Asked> asked, Duration deadline)
      throws InterruptedException {
    return AnswerWatch.awaitAnswered(asked, Asked::id, groq, (a, text) -> {
      FakeDiscord.Hook hook = discord.hook(a.token());
      ObjectNode message = hook == null || hook.originalId == null ? null : discord.message(hook.originalId);
      return message != null && message.path("content").asText().contains(text);
    }, discord::callCount, Duration.ofSeconds(10), deadline);
  }

  private Duration answerDeadline(int n) {
    long streamMillis = options.firstToken().toMillis() + 1000L * options.tokens() / options.tokensPerSecond();
    return options.ramp().plusMillis(streamMillis).plusSeconds(60 + n / 10);
  }

  /** One full collection when every answer should be streaming: the "peak heap after GC" of the report. */
  static void collectAtPeak(BotProcess bot, int n, LoadOptions options) {
    long streamMillis = 1000L * options.tokens() / options.tokensPerSecond();
    try {
      Thread.sleep(options.ramp().toMillis() + options.firstToken().toMillis() + streamMillis / 2);
      if (bot.isAlive()) {
        long from = System.currentTimeMillis();
        bot.collectGarbage();
        progress("n=%d: collection asked for at %d ms (epoch), returned after %d ms", n, from,
            System.currentTimeMillis() - from);
      }
    } catch (IOException | RuntimeException e) {
      progress("n=%d: the collection at the peak failed: %s", n, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void progress(String format, Object... args) {
    System.err.printf("[load] " + format + "%n", args);
  }
}
