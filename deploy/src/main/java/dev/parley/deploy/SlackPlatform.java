package dev.parley.deploy;

import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.reply.InMemoryStreamCheckpoints;
import dev.parley.core.api.reply.StreamCheckpoints;
import dev.parley.slack.NativeStreamLimits;
import dev.parley.slack.SlackAdapter;
import dev.parley.slack.SlackBudgets;
import dev.parley.slack.SlackHttpEndpoint;
import dev.parley.slack.SlackSettings;

/**
 * Slack as a platform: Socket Mode when an app token is set, otherwise the HTTP Events API
 * mounted at {@code POST /slack/events} on the ops server's port.
 */
final class SlackPlatform implements PlatformRunner {
  static final String EVENTS_PATH = "/slack/events";

  private final ParleyConfig.SlackSettings settings;
  private final OpsServer ops;
  private volatile SlackAdapter adapter;
  private volatile boolean connected;

  SlackPlatform(ParleyConfig.SlackSettings settings, OpsServer ops) {
    this.settings = settings;
    this.ops = ops;
  }

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public void start(Conversations conversations) {
    start(conversations, AccessControl.open());
  }

  @Override
  public void start(Conversations conversations, AccessControl access) {
    start(conversations, access, new InMemoryStreamCheckpoints());
  }

  @Override
  public synchronized void start(Conversations conversations, AccessControl access, StreamCheckpoints checkpoints) {
    SlackSettings adapterSettings = settings.socketMode()
        ? SlackSettings.socketMode(settings.botToken(), settings.appToken(), settings.apiUrl().toString())
        : SlackSettings.httpMode(settings.botToken(), settings.signingSecret(), settings.apiUrl().toString());
    adapter = new SlackAdapter(adapterSettings, conversations, new SlackBudgets(), java.time.Clock.systemUTC(), access,
        checkpoints, NativeStreamLimits.SLACK);
    adapter.start();
    if (!settings.socketMode()) ops.mount(EVENTS_PATH, adapter.httpEndpoint(), SlackHttpEndpoint.MAX_BODY);
    connected = true;
  }

  /** Closes the socket, so Slack sends new events to the other replicas' connections. */
  @Override
  public synchronized void stop() {
    connected = false;
    if (adapter != null) adapter.close();
  }

  /** Nothing left: replies write through the Web API client, which needs no closing. */
  @Override
  public void close() {}

  /**
   * True once {@code auth.test} passed and, in Socket Mode, while the socket is open: a dropped
   * socket that Bolt is re-opening reads as not ready. In HTTP mode, once the endpoint is mounted.
   */
  @Override
  public boolean isConnected() {
    SlackAdapter current = adapter;
    return connected && current != null && current.isConnected();
  }
}
