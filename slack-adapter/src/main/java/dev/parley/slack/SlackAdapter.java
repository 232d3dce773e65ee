package dev.parley.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.util.http.SlackHttpClient;
import com.sun.net.httpserver.HttpHandler;
import dev.parley.core.api.BotCore;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.ThreadPoster;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parley in Slack: builds the Bolt app against the configured Web API base, learns the bot's
 * identity with {@code auth.test}, and runs either Socket Mode (with an app token) or HTTP mode,
 * where {@link #httpEndpoint()} is mounted at {@code POST /slack/events} on a server the caller
 * owns. Talks to the core only through {@link Conversations}.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} once; close stops the socket and the
 * worker threads but not the core, which the caller owns.
 */
public final class SlackAdapter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackAdapter.class);

  /** The largest Slack request body {@code POST /slack/events} reads; larger ones get 413 unread. */
  public static final int MAX_EVENT_BODY = SlackHttpEndpoint.MAX_BODY;
  /** The longest one shared file's download may take, redirects included. */
  private static final Duration FILE_DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);

  private final SlackSettings settings;
  private final BotCore core;
  private final SlackBudgets budgets;
  private final Clock clock;
  private final SlackReplySink.NativeStreaming nativeStreaming;
  private final Slack slack;
  private final OkHttpClient fileHttp;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private volatile App app;
  private volatile SocketModeApp socketMode;

  public SlackAdapter(SlackSettings settings, BotCore core) {
    this(settings, core, new SlackBudgets(), Clock.systemUTC());
  }

  /** @param core the conversations and ports; its access gate is asked before any Slack call */
  public SlackAdapter(SlackSettings settings, BotCore core, SlackBudgets budgets, Clock clock) {
    this(settings, core, budgets, clock, NativeStreamLimits.SLACK);
  }

  /**
   * @param streamLimits when a natively streamed answer continues in a new message; its progress
   *     goes to {@link BotCore#checkpoints()}, shared by every instance, so an instance closes the
   *     streams another one left open when it died
   */
  public SlackAdapter(SlackSettings settings, BotCore core, SlackBudgets budgets, Clock clock,
      NativeStreamLimits streamLimits) {
    this.nativeStreaming = new SlackReplySink.NativeStreaming(streamLimits, clock, core.checkpoints());
    this.settings = Objects.requireNonNull(settings, "settings");
    this.core = Objects.requireNonNull(core, "core");
    this.budgets = Objects.requireNonNull(budgets, "budgets");
    this.clock = Objects.requireNonNull(clock, "clock");
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    SlackHttpClient http = new SlackHttpClient(SlackHttpClient.buildOkHttpClient(config).newBuilder()
        .addInterceptor(new SlackSdkRetryAfter(clock)).build());
    http.setConfig(config);
    this.slack = Slack.getInstance(config, http);
    // Shares the SDK's proxy settings; a download of many megabytes may outlast the SDK's read timeout.
    this.fileHttp = SlackHttpClient.buildOkHttpClient(config).newBuilder().callTimeout(FILE_DOWNLOAD_TIMEOUT).build();
  }

  /**
   * Checks the bot token, registers the handlers and, in Socket Mode, connects.
   *
   * @throws IllegalStateException if Slack rejects the bot token or cannot be reached
   */
  public synchronized void start() {
    if (app != null) throw new IllegalStateException("already started");
    MethodsClient methods = slack.methods(settings.botToken());
    AuthTestResponse identity;
    try {
      identity = SlackCalls.call("auth.test", () -> methods.authTest(r -> r));
    } catch (SlackCallException e) {
      throw new IllegalStateException("Slack rejected the bot token: " + e.error(), e);
    }
    app = new App(AppConfig.builder().slack(slack).singleTeamBotToken(settings.botToken())
        .signingSecret(settings.signingSecret()).allEventsApiAutoAckEnabled(true).build());
    SlackFileDownloads files = new SlackFileDownloads(fileHttp, methods, settings.botToken(), settings.filesUrl());
    SlackThreadReader threads = new SlackThreadReader(methods, settings.threadReads());
    SlackThreadContext threadContext = new SlackThreadContext(threads, new SlackUserNames(methods),
        new SlackThreadMessages(identity.getUserId(), identity.getBotId()));
    SlackConversationRouter router = new SlackConversationRouter(core, methods, settings, budgets,
        new ThreadMembership(threads, identity.getUserId(), identity.getBotId()), new AssistantThreads(methods),
        new StopButtons(settings.botToken()), nativeStreaming, files, threadContext);
    SlackEventMapper mapper = new SlackEventMapper(identity.getUserId(), identity.getBotId(), settings.allowOtherBots(),
        files::sourceFor);
    new SlackHandlers(mapper, router, workers, clock).register(app);
    log.info("slack adapter starting: team={} bot={} mode={}", identity.getTeamId(), identity.getUserId(),
        settings.socketMode() ? "socket" : "http");
    if (settings.socketMode()) connectSocketMode();
  }

  /**
   * True while Slack can reach this instance: in Socket Mode, the WebSocket is open (the SDK's
   * own check, which also pings); in HTTP mode, once started. Readiness probes call it, so a
   * socket that dropped and is being re-opened reads as not ready.
   */
  public boolean isConnected() {
    if (!settings.socketMode()) return app != null;
    SocketModeApp socket = socketMode;
    try {
      return socket != null && socket.getClient() != null && socket.getClient().verifyConnection();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Posts the core's own messages (ticket status, handoffs) into Slack threads with the bot token.
   * Usable before {@link #start()} and after {@link #close()}: it needs only the Web API.
   */
  public ThreadPoster threadPoster() {
    return new SlackThreadPoster(slack.methods(settings.botToken()));
  }

  /** The handler for {@code POST /slack/events} in HTTP mode. Call after {@link #start()}. */
  public synchronized HttpHandler httpEndpoint() {
    if (app == null) throw new IllegalStateException("start() first");
    if (settings.signingSecret() == null) throw new IllegalStateException("HTTP mode needs a signing secret");
    return new SlackHttpEndpoint(app, new SlackSignatureVerifier(settings.signingSecret(), clock));
  }

  private void connectSocketMode() {
    try {
      socketMode = new SocketModeApp(settings.appToken(), app);
      socketMode.startAsync();
    } catch (Exception e) {
      throw new IllegalStateException("Slack Socket Mode connection failed", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (socketMode != null) socketMode.close();
      if (app != null) app.stop();
    } catch (Exception e) {
      log.warn("slack adapter did not stop cleanly", e);
    } finally {
      socketMode = null;
      app = null;
    }
    workers.shutdownNow();
    fileHttp.connectionPool().evictAll();
  }
}
