package dev.parley.discord;

import dev.parley.core.api.BotCore;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.ThreadPoster;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Parley on Discord: connects JDA (or a shard manager for this instance's shards), registers
 * the slash commands and answers through the core's {@link Conversations}.
 *
 * <p>With a custom gateway URL (a test fake or a gateway proxy) the gateway is asked for no
 * compression, so the proxy need not speak zlib-stream; Discord's own gateway keeps JDA's default
 * zlib-stream.
 *
 * <p>JDA's own SIGTERM hook is off: it would close the gateway and cancel every REST call at once,
 * racing the application's graceful shutdown, so answers in flight could not finish their edits.
 * The owner drains the answers first and then calls {@link #close()}, which also closes the
 * client that downloads attachments ({@link DiscordCdn}).
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  static {
    // JDA's default lets a message ping users, roles and @everyone, and an edit sends no
    // allowed_mentions at all. Every Parley request sets them explicitly; this default is the net
    // under any request that someday forgets.
    MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));
    MessageRequest.setDefaultMentionRepliedUser(false);
    // JDA 6 captures the caller's stack on every request (a ContextException built in the
    // Request's constructor), to attach to a failure later: a stack walk per streaming edit, about
    // 700 of them per 100 answers in the load benchmark's profile. Parley logs every failed request
    // with its own context (platform, channel, interaction), so the capture buys nothing.
    RestAction.setPassContext(false);
  }

  /**
   * Idle connections kept to Discord's REST API (OkHttp keeps 5). Streaming edits of many answers
   * are many requests in flight at once; over HTTP/1.1 (a proxy, or the fakes) each needs its own
   * connection, and with 5 kept the rest were closed and opened again for every burst of edits.
   */
  private static final int IDLE_CONNECTIONS = 128;

  private final DiscordSettings settings;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final DiscordCdn cdn = DiscordCdn.withDefaults();
  private final DiscordBudgets budgets = new DiscordBudgets();
  private final JDA jda;
  private final ShardManager shards;
  private final CountDownLatch shardsReady;

  private DiscordBot(DiscordSettings settings, BotCore core) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(core, "core");
    var http = new OkHttpClient.Builder().addInterceptor(new DiscordBucketHeaders(budgets))
        .addInterceptor(new JdaRetryAfter(Clock.systemUTC()))
        .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
        .build();
    var listener = listener(settings, core, executor, budgets, cdn, directCalls(http));
    int shardsHere = settings.shardIds().isEmpty() ? settings.shardTotal() : settings.shardIds().size();
    this.shardsReady = new CountDownLatch(shardsHere);
    if (settings.sharded()) {
      this.shards = shardManager(settings, listener, http, shardsReady);
      this.jda = null;
    } else {
      this.jda = singleClient(settings, listener, http);
      this.shards = null;
    }
  }

  /**
   * Connects and waits until every guild is loaded, then registers the commands.
   *
   * @param core the conversations and ports; its access gate is asked before any Discord request
   */
  public static DiscordBot start(DiscordSettings settings, BotCore core) throws InterruptedException {
    DiscordBot bot = new DiscordBot(settings, core);
    try {
      bot.awaitReady();
      bot.registerCommands();
    } catch (InterruptedException | RuntimeException e) {
      bot.close();
      throw e;
    }
    log.info("discord bot ready; settings={}", settings);
    return bot;
  }

  /** The fewest intents that work: none at all when only slash commands are answered. */
  static EnumSet<GatewayIntent> intents(DiscordSettings settings) {
    if (!settings.listenToMessages()) return EnumSet.noneOf(GatewayIntent.class);
    return EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES, GatewayIntent.MESSAGE_CONTENT);
  }

  /** The clients this instance runs: one, or one per shard. */
  public List<JDA> clients() {
    return jda != null ? List.of(jda) : List.copyOf(shards.getShards());
  }

  /**
   * Posts the core's own messages (ticket status, handoffs) into Discord threads and channels,
   * through this bot's clients and within the channels' shared budgets.
   */
  public ThreadPoster threadPoster() {
    return new DiscordThreadPoster(this::clients, budgets);
  }

  /** Disconnects, waiting a few seconds for the gateway to close cleanly, then stops the replies. */
  @Override
  public void close() {
    if (shards != null) shards.shutdown();
    if (jda != null) {
      jda.shutdown();
      try {
        if (!jda.awaitShutdown(SHUTDOWN_GRACE)) jda.shutdownNow();
      } catch (InterruptedException e) {
        jda.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    executor.close();
    cdn.close();
  }

  /**
   * A shard manager starts its shards one by one, so its list of clients fills up over time: wait
   * for one ready event per shard this instance runs, and give up if one of them fails to log in.
   */
  private void awaitReady() throws InterruptedException {
    if (jda != null) {
      jda.awaitReady();
      return;
    }
    while (!shardsReady.await(1, TimeUnit.SECONDS)) {
      for (JDA shard : shards.getShards()) {
        JDA.Status status = shard.getStatus();
        if (status == JDA.Status.SHUTDOWN || status == JDA.Status.FAILED_TO_LOGIN) {
          throw new IllegalStateException("a Discord shard could not connect: " + shard.getShardInfo());
        }
      }
    }
  }

  /** Overwrites the command set: globally, or in each configured guild this instance sees. */
  private void registerCommands() {
    if (settings.commandGuildIds().isEmpty()) {
      clients().getFirst().updateCommands().addCommands(DiscordCommands.all()).complete();
      return;
    }
    for (long guildId : settings.commandGuildIds()) {
      Guild guild = clients().stream().map(c -> c.getGuildById(guildId)).filter(Objects::nonNull).findFirst()
          .orElse(null);
      if (guild == null) {
        log.warn("not registering commands in a guild this instance does not see; guild={}", guildId);
        continue;
      }
      guild.updateCommands().addCommands(DiscordCommands.all()).complete();
    }
  }

  /**
   * As long as JDA's own read timeout: an edit or a thread start that takes longer has failed.
   * See {@link #directCalls}.
   */
  static final Duration DIRECT_CALL_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The client for the requests Parley sends past JDA's queue ({@link WebhookEdits},
   * {@link ThreadStarts}): JDA's own (its connections, interceptors and dispatcher), with the whole
   * call bounded instead of each socket read. These calls run on virtual threads, and a socket read
   * with a timeout parks its virtual thread with a timer that the JDK schedules and, when the
   * answer comes first, cancels again: a timer per read. The load benchmark's profile at 1,000
   * answers put the JDK's timer at about a tenth of the bot's CPU (docs/benchmarks.md). A call
   * timeout is one entry in OkHttp's watchdog per call, and still ends a request whose answer never
   * comes.
   */
  static OkHttpClient directCalls(OkHttpClient jdas) {
    return jdas.newBuilder().readTimeout(Duration.ZERO).writeTimeout(Duration.ZERO)
        .callTimeout(DIRECT_CALL_TIMEOUT).build();
  }

  private static DiscordEventListener listener(DiscordSettings settings, BotCore core,
      ExecutorService executor, DiscordBudgets budgets, DiscordCdn cdn, OkHttpClient direct) {
    var replies = new DiscordReplies(budgets, settings.pingAuthorOnReply(), core.channels(),
        new WebhookEdits(settings.apiUrl(), direct, Clock.systemUTC()));
    var askers = new LatestAskers(10_000);
    var ask = new AskHandler(core.conversations(), replies, executor, askers,
        new ThreadStarts(settings.apiUrl(), direct, budgets.global(), Clock.systemUTC()));
    var messages = settings.listenToMessages() ? new MessageHandler(core, replies, askers, cdn) : null;
    return new DiscordEventListener(new CommandHandler(core, ask, settings.adminOnlyModelSwitch(), cdn),
        new ButtonHandler(core, replies, askers), messages);
  }

  private static JDA singleClient(DiscordSettings settings, DiscordEventListener listener, OkHttpClient http) {
    return JDABuilder.createLight(settings.token(), intents(settings))
        .setHttpClient(http)
        .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
        .setSessionController(sessionController(settings))
        .setCompression(settings.customGateway() ? Compression.NONE : Compression.ZLIB)
        .setEnableShutdownHook(false)
        .addEventListeners(listener)
        .build();
  }

  private static ShardManager shardManager(DiscordSettings settings, DiscordEventListener listener,
      OkHttpClient http, CountDownLatch ready) {
    var builder = DefaultShardManagerBuilder.createLight(settings.token(), intents(settings))
        .setHttpClient(http)
        .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
        .setSessionController(sessionController(settings))
        .setCompression(settings.customGateway() ? Compression.NONE : Compression.ZLIB)
        .setShardsTotal(settings.shardTotal())
        .setEnableShutdownHook(false)
        .addEventListeners(listener, new ListenerAdapter() {
          @Override
          public void onReady(ReadyEvent event) {
            ready.countDown();
          }
        });
    if (!settings.shardIds().isEmpty()) builder.setShards(settings.shardIds());
    return builder.build();
  }

  private static GatewaySessionController sessionController(DiscordSettings settings) {
    return new GatewaySessionController(settings.gatewayUrl(), settings.customGateway(), settings.shardTotal());
  }
}
