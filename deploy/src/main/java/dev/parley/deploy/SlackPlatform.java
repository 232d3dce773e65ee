package dev.parley.deploy;

import dev.parley.core.api.BotCore;
import dev.parley.core.api.ThreadPoster;
import dev.parley.slack.SlackAdapter;
import dev.parley.slack.SlackBudgets;
import dev.parley.slack.SlackSettings;
import java.util.Optional;

/**
 * Slack as a platform: Socket Mode when an app token is set, otherwise the HTTP Events API
 * mounted at {@code POST /slack/events} on the ops server's port.
 *
 * <p>In HTTP mode the route is mounted when this platform is made, before the port serves, and
 * answers 503 with {@code Retry-After} until Bolt is ready, and again from {@link #stop()} on.
 * Slack retries an Events API delivery that got a 5xx (at once, after 1 minute, after 5 minutes),
 * and while this replica's {@code /readyz} fails the load balancer sends the retry to another
 * one, so an event that arrives while this process starts or drains is handled, not dropped.
 * Slash commands and button clicks are not retried by Slack: the user sees an error and can try
 * again, which also reaches a ready replica.
 */
final class SlackPlatform implements PlatformRunner {
  static final String EVENTS_PATH = "/slack/events";

  private final SlackSettings settings;
  private final GatedRoute events;
  private volatile SlackAdapter adapter;
  private volatile boolean connected;

  SlackPlatform(SlackSettings settings, OpsServer ops) {
    this.settings = settings;
    this.events = settings.socketMode() ? null : new GatedRoute();
    if (events != null) ops.mount(EVENTS_PATH, events, SlackAdapter.MAX_EVENT_BODY);
  }

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public synchronized void start(BotCore core) {
    adapter = new SlackAdapter(settings, core, new SlackBudgets(), java.time.Clock.systemUTC());
    adapter.start();
    if (events != null) events.open(adapter.httpEndpoint());
    connected = true;
  }

  /**
   * Closes the socket, so Slack sends new events to the other replicas' connections; in HTTP mode,
   * answers 503 from now on, so Slack retries them against a replica that is ready.
   */
  @Override
  public synchronized void stop() {
    connected = false;
    if (events != null) events.drain();
    if (adapter != null) adapter.close();
  }

  /** The Web API poster; it keeps working while answers drain after {@link #stop()}. */
  @Override
  public Optional<ThreadPoster> threadPoster() {
    return Optional.ofNullable(adapter).map(SlackAdapter::threadPoster);
  }

  /** Nothing left: replies write through the Web API client, which needs no closing. */
  @Override
  public void close() {}

  /**
   * True once {@code auth.test} passed and, in Socket Mode, while the socket is open: a dropped
   * socket that Bolt is re-opening reads as not ready. In HTTP mode, once the route serves events.
   */
  @Override
  public boolean isConnected() {
    SlackAdapter current = adapter;
    return connected && current != null && current.isConnected();
  }
}
