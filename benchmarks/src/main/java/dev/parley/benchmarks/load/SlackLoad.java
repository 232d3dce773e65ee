package dev.parley.benchmarks.load;

import static dev.parley.benchmarks.load.DiscordLoad.progress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.slack.e2e.FakeSlack;
import dev.parley.slack.e2e.FakeSlackMessage;
import dev.parley.slack.e2e.SlackEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * One benchmark run on Slack: the real jar in Socket Mode against the fake Slack, limited to one
 * workspace's published tiers, and the paced Groq; {@code n} people mention the bot at once, each
 * in a channel of their own.
 */
final class SlackLoad {
  private static final int WARM_UP_BASE = 800_000;
  /**
   * Slack's limits per method, per workspace, per app: Tier 2 is 20+ calls a minute, Tier 3 50+,
   * Tier 4 100+ (api.slack.com/docs/rate-limits; PROTOCOL-NOTES). The floors, as the fake enforces them.
   */
  private static final Map<String, Integer> PER_MINUTE = Map.of("chat.startStream", 20, "chat.stopStream", 20,
      "chat.update", SlackMeasurements.UPDATE_PER_MINUTE, "chat.appendStream", SlackMeasurements.APPEND_STREAM_PER_MINUTE);

  private final LoadOptions options;

  SlackLoad(LoadOptions options) {
    this.options = options;
  }

  RunResult run(int n) throws IOException, InterruptedException {
    String prefix = "parley-load-" + Long.toHexString(System.nanoTime()) + ":";
    Path dir = options.out().resolve("slack-n" + n);
    int port = DiscordLoad.freePort();
    PrivateRedis own = options.privateRedis() ? PrivateRedis.start() : null;
    String redisHost = own == null ? options.redisHost() : "127.0.0.1";
    int redisPort = own == null ? options.redisPort() : own.port();
    try (own; PacedGroq groq = new PacedGroq(options.tokens(), options.tokensPerSecond(), options.firstToken());
        FakeSlack slack = FakeSlack.start();
        RedisCommands redis = new RedisCommands(redisHost, redisPort)) {
      PER_MINUTE.forEach((method, calls) -> slack.rateLimit(method, calls, Duration.ofMinutes(1)));
      Map<String, String> env = Map.of("GROQ_BASE_URL", groq.baseUrl(), "GROQ_API_KEY", "gsk_load_benchmark",
          "PORT", Integer.toString(port), "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN, "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN,
          "SLACK_API_URL", slack.apiUrl(), "REDIS_URL", "redis://" + redisHost + ":" + redisPort,
          "PARLEY_REDIS_PREFIX", prefix);
      try (BotProcess bot = BotProcess.start(options.jar(), options.heap(), options.gc(), options.profile(), env, port, dir)) {
        slack.socket().awaitConnected(Duration.ofSeconds(120));
        bot.awaitReady(Duration.ofSeconds(120));
        bot.connectManagement();
        progress("slack n=%d: parley.jar ready (pid %d); warming up", n, bot.pid());
        // Warm-up answers spend the same minute's Tier 2 starts: two only.
        awaitAnswered(slack, groq, ask(slack, WARM_UP_BASE, Math.min(n, 2), Duration.ofMillis(200)), Duration.ofSeconds(60));
        BotMeter.Idle idle = BotMeter.Idle.count(redis, options.idleWindow());

        progress("slack n=%d: asking", n);
        BotMeter meter = new BotMeter(bot, redis);
        Thread.ofVirtual().start(() -> DiscordLoad.collectAtPeak(bot, n, options));
        List<SlackMeasurements.Asked> asked = ask(slack, 0, n, options.ramp());
        boolean allAnswered = awaitAnswered(slack, groq, asked, Duration.ofSeconds(300));
        BotMeter.Measured m = meter.stop(n, idle);
        progress("slack n=%d: %s after %.1f s; stopping parley.jar", n,
            allAnswered ? "all answered" : "NOT all answered", m.seconds());
        bot.stop(Duration.ofSeconds(30));

        writeCalls(slack.calls(), dir.resolve("slack-calls.txt"));
        List<FakeSlack.Rejection> rejections = new ArrayList<>();
        for (String method : PER_MINUTE.keySet()) rejections.addAll(slack.rejections(method));
        SlackMeasurements measured = new SlackMeasurements(slack.calls(), rejections, asked, groq::sent,
            (channel, thread) -> slack.botMessages(channel, thread).stream().map(FakeSlackMessage::ts)
                .collect(Collectors.toSet()), options.tokens());
        AnswerTimeline t = measured.timeline();
        t.writeAnswers(dir.resolve("answers.csv"));
        return new RunResult("slack", n, measured.placeholders(), t.lags(), t.lagBeyondInterval(), t.firstWords(), t.complete(),
            measured.streamIntervalMs(), t.tokensSent(), t.tokensLost(), t.answersWithLoss(), measured.unanswered(),
            measured.tooManyRequests(), measured.sentBeforeRetryAfter(), m.peakHeapAfterGcMb(), m.peakThreads(),
            m.cpuSeconds(), m.botJitSeconds(), m.benchmarkCpuSeconds(), m.redis(), m.seconds());
      } finally {
        progress("slack n=%d: deleted %d Redis keys under %s", n, redis.deleteKeys(prefix), prefix);
      }
    }
  }

  /** Every Web API call, one a line, for reading what the bot did when a figure looks wrong. */
  private static void writeCalls(List<FakeSlack.ApiCall> calls, Path file) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (FakeSlack.ApiCall c : calls) {
      lines.append(c.at()).append(' ').append(c.method()).append(' ').append(c.status())
          .append(c.error() == null ? "" : " " + c.error()).append(' ').append(c.params()).append('\n');
    }
    Files.writeString(file, lines);
  }

  private static List<SlackMeasurements.Asked> ask(FakeSlack slack, int firstId, int count, Duration ramp) {
    List<SlackMeasurements.Asked> asked = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      LockSupport.parkNanos(start + ramp.toNanos() * i / Math.max(1, count) - System.nanoTime());
      int id = firstId + i;
      String channel = "C0LOAD" + id;
      String ts = slack.nextTs();
      ObjectNode mention = SlackEvents.mention(channel, "U0LOAD" + id, "q" + id + " how do I keep a bot fast under load?",
          ts, null);
      asked.add(new SlackMeasurements.Asked(id, channel, ts, System.currentTimeMillis()));
      slack.socket().sendEvent(SlackEvents.callback(mention), 0);
    }
    return asked;
  }

  /**
   * Waits until every answer's thread shows its whole text, or nothing reached the fake Slack for
   * 65 s: a little over the minute a Tier 2 call may have to wait for its window.
   */
  private static boolean awaitAnswered(FakeSlack slack, PacedGroq groq, List<SlackMeasurements.Asked> asked,
      Duration deadline) throws InterruptedException {
    return AnswerWatch.awaitAnswered(asked, SlackMeasurements.Asked::id, groq,
        (a, text) -> slack.botMessages(a.channel(), a.ts()).stream().map(FakeSlackMessage::visibleText)
            .anyMatch(shown -> shown.contains(text)),
        () -> slack.calls().size(), Duration.ofSeconds(65), deadline);
  }
}
