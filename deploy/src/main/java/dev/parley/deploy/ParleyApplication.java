package dev.parley.deploy;

import dev.parley.core.api.RedactedUrl;
import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.internal.attachments.AttachmentLimits;
import dev.parley.core.internal.engine.ConversationEngine;
import dev.parley.core.internal.handoff.EscalateToHumanTool;
import dev.parley.core.internal.handoff.HandoffDesk;
import dev.parley.core.internal.llm.Transcriber;
import dev.parley.core.internal.llm.groq.GroqChatModel;
import dev.parley.core.internal.llm.groq.GroqConfig;
import dev.parley.core.internal.llm.groq.GroqTranscriber;
import dev.parley.core.internal.status.StatusRelay;
import dev.parley.core.internal.tickets.CreateTicketTool;
import dev.parley.core.internal.tickets.LookupTicketTool;
import dev.parley.core.internal.tickets.TicketBackends;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.internal.tools.mcp.McpToolbox;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The running application: metrics, the ops server, the stores, the model client, the engine and
 * every configured platform, started in that order and stopped in reverse. {@link #stop()} is the
 * graceful shutdown that the SIGTERM hook runs.
 */
final class ParleyApplication {
  private static final Logger log = LoggerFactory.getLogger(ParleyApplication.class);
  static final Duration MCP_START_WAIT = Duration.ofSeconds(10);

  private final ParleyConfig config;
  private final Metrics metrics;
  private final OpsServer ops;
  private final UnifiedJedis redis;
  private final Stores stores;
  private final GroqChatModel model;
  private final GroqTranscriber transcriber;
  private final ConversationEngine engine;
  private final McpToolbox mcp;
  private final List<PlatformRunner> platforms;
  private final LifecycleReadiness lifecycle;
  private final StatusWebhooks statusWebhooks;
  private volatile StatusRelay statusRelay;
  private final OkHttpClient trackerHttp;
  private final AtomicBoolean stopping = new AtomicBoolean();

  private ParleyApplication(ParleyConfig config, Metrics metrics, OpsServer ops, UnifiedJedis redis, Stores stores,
      GroqChatModel model, GroqTranscriber transcriber, ConversationEngine engine, McpToolbox mcp,
      List<PlatformRunner> platforms, LifecycleReadiness lifecycle, StatusWebhooks statusWebhooks,
      OkHttpClient trackerHttp) {
    this.config = config;
    this.metrics = metrics;
    this.ops = ops;
    this.redis = redis;
    this.stores = stores;
    this.model = model;
    this.transcriber = transcriber;
    this.engine = engine;
    this.mcp = mcp;
    this.platforms = platforms;
    this.lifecycle = lifecycle;
    this.statusWebhooks = statusWebhooks;
    this.trackerHttp = trackerHttp;
  }

  /** Starts everything; the ops server answers {@code /healthz} before the platforms connect. */
  static ParleyApplication start(ParleyConfig config, Platforms platformFactory) {
    return start(config, platformFactory, StatusTargets.FROM_STORES_AND_PLATFORMS);
  }

  /** As {@link #start(ParleyConfig, Platforms)}, with the ticket status webhooks' targets given. */
  static ParleyApplication start(ParleyConfig config, Platforms platformFactory, StatusTargets statusTargets) {
    Metrics metrics = new Metrics();
    OpsServer ops = OpsServer.bind(config.port(), metrics.registry());
    LifecycleReadiness lifecycle = new LifecycleReadiness();
    ops.addReadinessCheck(lifecycle);
    // Made before the port serves, so a platform's routes (Slack's events) answer from the first
    // request on: 503 until the platform started, never 404.
    List<PlatformRunner> platforms = platformFactory.create(config, ops);
    StatusWebhooks statusWebhooks = new StatusWebhooks(config.statusWebhooks(), ops, metrics.registry(),
        Clock.systemUTC());
    ops.serve();
    UnifiedJedis redis = config.redis().map(RedisEndpoint::connect).orElse(null);
    OkHttpClient trackerHttp = new OkHttpClient();
    Stores stores = stores(config, redis, metrics, ops, config.tickets().backends(trackerHttp, Clock.systemUTC()));
    GroqChatModel model = new GroqChatModel(groqConfig(config));
    GroqTranscriber transcriber = config.transcription().map(t -> new GroqTranscriber(groqConfig(config), t)).orElse(null);
    MicrometerEngineObserver observer = new MicrometerEngineObserver(metrics.registry());
    AccessControl access = new AccessControl(config.access().policy(config.channels()), observer);
    warnIfDiscordIsOpenToAnyServer(config);
    McpToolbox mcp = mcpServers(config, metrics, ops);
    // Posts reach a platform once it started; the engine, which the platforms need, takes it first.
    ThreadPosterRouter posters = new ThreadPosterRouter(platforms);
    HandoffDesk handoff = new HandoffDesk(stores.handoffs(), stores.tickets(), stores.history(), config.channels(),
        posters, Clock.systemUTC());
    ConversationEngine engine = ConversationEngine.builder()
        .chatModel(model).history(stores.history()).deduplicator(stores.deduplicator())
        .sequencer(stores.sequencer()).limiter(stores.limiter()).conversationSettings(stores.conversationSettings())
        .channelSettings(config.channels()).tickets(stores.tickets()).ticketQuota(stores.ticketQuota())
        .feedback(stores.feedback()).stops(stores.stops()).access(access)
        .tools(new ToolRegistry(List.of(
            new CreateTicketTool(stores.tickets(), stores.ticketQuota(), config.ticketLimits().perTurn()),
            new LookupTicketTool(stores.tickets()), new EscalateToHumanTool(handoff)), mcp))
        .handoff(handoff)
        .observer(observer)
        .transcriber(transcriber == null ? Transcriber.NONE : transcriber)
        .maxMessageChars(config.bounds().maxMessageChars()).turnDeadline(config.bounds().turnDeadline())
        .tokenBudget(stores.tokenBudget())
        .visionModel(config.attachments().visionModel())
        .attachmentLimits(AttachmentLimits.DEFAULTS.withBounds(config.attachments().maxDownloadBytes(),
            config.attachments().maxFileChars()))
        .build();
    ParleyApplication app = new ParleyApplication(config, metrics, ops, redis, stores, model, transcriber, engine,
        mcp, platforms, lifecycle, statusWebhooks, trackerHttp);
    for (PlatformRunner platform : platforms) {
      ops.addReadinessCheck(ReadinessCheck.of(platform));
      try {
        platform.start(engine.core(stores.streamCheckpoints()));
      } catch (RuntimeException e) {
        app.stop();
        throw new IllegalStateException(platform.name() + " could not start: " + RedactedUrl.inText(e.getMessage()), e);
      }
    }
    app.openStatusWebhooks(statusTargets);
    lifecycle.running();
    log.info("Parley started platforms={} port={} model={} transcription={} groq={}",
        platforms.stream().map(PlatformRunner::name).toList(), ops.port(), config.channels().defaults().model(),
        config.transcription().map(t -> t.model()).orElse("off"), RedactedUrl.of(config.groq().baseUrl()));
    return app;
  }

  /** Ticket status webhooks are answered once the platforms they post to have started. */
  private void openStatusWebhooks(StatusTargets targets) {
    if (statusWebhooks.paths().isEmpty()) return;
    statusRelay = StatusRelay.withDefaults(targets.origins(stores), targets.poster(platforms), stores.statusDeliveries());
    statusWebhooks.open(statusRelay);
    log.info("ticket status webhooks on {}", statusWebhooks.paths());
  }

  /**
   * A Discord bot can be added to any server by anyone with its invite link, and every such
   * server then shares the Groq quota and the ticket store: worth one warning at start.
   */
  static void warnIfDiscordIsOpenToAnyServer(ParleyConfig config) {
    if (config.discord().isPresent() && config.access().discordGuilds().isEmpty()) {
      log.warn("DISCORD_ALLOWED_GUILDS is empty: every Discord server that adds the bot can use it, and shares "
          + "its model quota and ticket store; list your server ids to restrict it");
    }
  }

  /**
   * Connects the MCP servers, waiting at most {@link #MCP_START_WAIT} in all, so the first
   * messages find the tools of servers that come up quickly; slower ones join when they do.
   */
  private static McpToolbox mcpServers(ParleyConfig config, Metrics metrics, OpsServer ops) {
    McpToolbox mcp = new McpToolbox(config.mcpServers());
    if (config.mcpServers().isEmpty()) return mcp;
    log.info("connecting MCP servers servers={}", config.mcpServers());
    mcp.start(MCP_START_WAIT);
    ops.addReadinessCheck(new McpReadiness(mcp));
    McpReadiness.bindMetrics(mcp, metrics.registry());
    return mcp;
  }

  private static Stores stores(ParleyConfig config, UnifiedJedis redis, Metrics metrics, OpsServer ops,
      TicketBackends trackers) {
    log.info("tickets go to {}", config.tickets().summary());
    if (redis == null && config.tickets().anyTracker()) {
      log.warn("REDIS_URL is not set: a ticket being filed in a tracker when Parley restarts may be filed twice; "
          + "exactly-once filing across restarts and replicas needs Redis");
    }
    if (redis == null) {
      log.warn("REDIS_URL is not set: history, dedup, ordering and tickets stay in this process's memory "
          + "and are lost on restart; run only one replica this way");
      return Stores.inMemory(config.channels(), config.ticketPrefix(), config.ticketLimits().perUserPerDay(),
          config.bounds(), trackers);
    }
    RedisEndpoint endpoint = config.redis().orElseThrow();
    log.info("using Redis at {} pool={}", endpoint, endpoint.poolSize());
    ops.addReadinessCheck(new RedisReadiness(redis, metrics.registry()));
    return Stores.redis(redis, config.redisPrefix(), config.channels(), config.ticketPrefix(),
        config.ticketLimits().perUserPerDay(), config.bounds(), trackers);
  }

  /**
   * Graceful shutdown: the platforms stop taking events, the engine refuses any that still arrive
   * with a "restarting" notice, answers in flight get {@code PARLEY_SHUTDOWN_GRACE} to finish, the
   * rest end with the same notice and give up their place in line, then the platforms'
   * connections and everything else close. Idempotent.
   */
  void stop() {
    if (!stopping.compareAndSet(false, true)) return;
    lifecycle.stopping();
    statusWebhooks.drain();
    log.info("shutting down: answers in flight={} grace={}", engine.inFlight(), config.shutdownGrace());
    platforms.forEach(p -> quietly("stop " + p.name(), p::stop));
    quietly("stop the engine", () -> engine.shutdown(config.shutdownGrace()));
    StatusRelay relay = statusRelay;
    if (relay != null) quietly("stop status posts", relay::close);
    quietly("close the MCP servers", mcp::close);
    platforms.forEach(p -> quietly("close " + p.name(), p::close));
    quietly("close the stores", stores::close);
    quietly("close the model client", model::close);
    if (transcriber != null) quietly("close the transcription client", transcriber::close);
    if (redis != null) quietly("close Redis", redis::close);
    quietly("close the trackers' HTTP client", () -> {
      trackerHttp.dispatcher().executorService().shutdown();
      trackerHttp.connectionPool().evictAll();
    });
    quietly("close the HTTP server", ops::close);
    quietly("close metrics", metrics::close);
    log.info("Parley stopped");
  }

  int port() {
    return ops.port();
  }

  /**
   * A server other than Groq may need no key (a local Ollama); {@link GroqConfig} insists on one,
   * so such servers get a placeholder bearer token, which they ignore.
   */
  private static GroqConfig groqConfig(ParleyConfig config) {
    String key = Optional.ofNullable(config.groq().apiKey()).orElse("no-key-configured");
    return GroqConfig.defaults(key).withBaseUrl(config.groq().baseUrl().toString());
  }

  private static void quietly(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("could not {} during shutdown", what, e);
    }
  }
}
