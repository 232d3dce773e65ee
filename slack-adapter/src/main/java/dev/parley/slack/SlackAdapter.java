package dev.parley.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.sun.net.httpserver.HttpHandler;
import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.reply.InMemoryStreamCheckpoints;
import dev.parley.core.api.reply.StreamCheckpoints;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

  private final SlackSettings settings;
  private final Conversations conversations;
  private final SlackBudgets budgets;
  private final Clock clock;
  private final AccessControl access;
  private final SlackReplySink.NativeStreaming nativeStreaming;
  private final Slack slack;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private volatile App app;
  private volatile SocketModeApp socketMode;

  public SlackAdapter(SlackSettings settings, Conversations conversations) {
    this(settings, conversations, new SlackBudgets(), Clock.systemUTC());
  }

  public SlackAdapter(SlackSettings settings, Conversations conversations, SlackBudgets budgets, Clock clock) {
    this(settings, conversations, budgets, clock, AccessControl.open());
  }

  /** @param access who may use the bot and control answers; checked before any Slack call */
  public SlackAdapter(SlackSettings settings, Conversations conversations, SlackBudgets budgets, Clock clock,
      AccessControl access) {
    this(settings, conversations, budgets, clock, access, new InMemoryStreamCheckpoints(), NativeStreamLimits.SLACK);
  }

  /**
   * @param checkpoints where natively streamed answers record their progress; shared by every
   *     instance (Redis), an instance closes the streams another one left open when it died
   * @param streamLimits when a streamed answer continues in a new message
   */
  public SlackAdapter(SlackSettings settings, Conversations conversations, SlackBudgets budgets, Clock clock,
      AccessControl access, StreamCheckpoints checkpoints, NativeStreamLimits streamLimits) {
    this.nativeStreaming = new SlackReplySink.NativeStreaming(streamLimits, clock, checkpoints);
    this.access = Objects.requireNonNull(access, "access");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.budgets = Objects.requireNonNull(budgets, "budgets");
    this.clock = Objects.requireNonNull(clock, "clock");
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    this.slack = Slack.getInstance(config);
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
    SlackConversationRouter router = new SlackConversationRouter(conversations, methods, settings, budgets,
        new ThreadMembership(methods, identity.getUserId(), identity.getBotId()), new AssistantThreads(methods),
        access, new StopButtons(settings.botToken()), nativeStreaming);
    SlackEventMapper mapper = new SlackEventMapper(identity.getUserId(), identity.getBotId(), settings.allowOtherBots());
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
  }
}
