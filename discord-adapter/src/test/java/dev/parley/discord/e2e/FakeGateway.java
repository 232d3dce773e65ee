package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord's gateway, uncompressed JSON: HELLO (op 10), heartbeat ACKs (op 1 → op 11), IDENTIFY
 * (op 2) answered with READY and a full GUILD_CREATE, RESUME (op 6) answered with the missed
 * dispatches and RESUMED. One session at a time; {@link #drop()} cuts the connection as a network
 * failure would.
 */
public final class FakeGateway extends WebSocketListener {
  private static final Logger log = LoggerFactory.getLogger(FakeGateway.class);
  static final String SESSION_ID = "fake-session-1";

  private final String token;
  private final String url;
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicInteger identifies = new AtomicInteger();
  private final AtomicInteger resumes = new AtomicInteger();
  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  private volatile WebSocket socket;
  private volatile JsonNode identify;

  FakeGateway(String token, String url) {
    this.token = token;
    this.url = url;
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    socket = webSocket;
    send(webSocket, object().put("op", 10).putNull("s").putNull("t")
        .set("d", object().put("heartbeat_interval", 41250)));
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    JsonNode frame = DiscordPayloads.parse(text);
    received.add(frame);
    switch (frame.path("op").asInt(-1)) {
      case 1 -> send(webSocket, object().put("op", 11));
      case 2 -> identify(webSocket, frame.path("d"));
      case 6 -> resume(webSocket, frame.path("d"));
      default -> log.debug("gateway frame ignored: {}", text);
    }
  }

  /**
   * A client that disconnects (a bot shutting down) gets its close frame answered, as Discord
   * answers it, so the connection ends at once instead of lingering until a timeout.
   */
  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    webSocket.close(code == 1005 ? 1000 : code, null);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    log.debug("gateway connection ended: {}", t.toString());
  }

  /** Sends a dispatch (op 0) with the next sequence number. */
  synchronized void dispatch(String type, JsonNode data) {
    WebSocket current = socket;
    if (current == null) throw new IllegalStateException("no gateway session");
    send(current, object().put("op", 0).put("t", type).put("s", sequence.incrementAndGet()).set("d", data));
  }

  /**
   * Ends the connection as Discord does when it drops a session it lets clients resume (close
   * code 4000, unknown error); JDA should resume at READY's resume URL.
   */
  void drop() {
    WebSocket current = socket;
    socket = null;
    if (current != null) current.close(4000, "Unknown error");
  }

  /** Ends the session for good (close code 1000), as when the test is over. */
  void close() {
    WebSocket current = socket;
    socket = null;
    if (current != null) current.close(1000, "bye");
  }

  int identifies() {
    return identifies.get();
  }

  int resumes() {
    return resumes.get();
  }

  JsonNode identifyPayload() {
    return identify;
  }

  boolean connected() {
    return socket != null;
  }

  /** The next frame the client sent with {@code op}, skipping others. */
  JsonNode awaitFrame(int op, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode frame = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (frame == null) throw new AssertionError("no gateway frame with op " + op + " within " + timeout);
      if (frame.path("op").asInt() == op) return frame;
    }
  }

  private synchronized void identify(WebSocket webSocket, JsonNode d) {
    if (!d.path("token").asText().endsWith(token)) {
      webSocket.close(4004, "Authentication failed.");
      return;
    }
    identify = d;
    identifies.incrementAndGet();
    sequence.set(0);
    send(webSocket, dispatchFrame("READY", DiscordPayloads.ready(SESSION_ID, url)));
    send(webSocket, dispatchFrame("GUILD_CREATE", DiscordPayloads.guildCreate()));
  }

  private synchronized void resume(WebSocket webSocket, JsonNode d) {
    if (!SESSION_ID.equals(d.path("session_id").asText())) {
      send(webSocket, object().put("op", 9).put("d", false));
      return;
    }
    resumes.incrementAndGet();
    send(webSocket, dispatchFrame("RESUMED", object()));
  }

  private ObjectNode dispatchFrame(String type, JsonNode data) {
    return object().put("op", 0).put("t", type).put("s", sequence.incrementAndGet()).set("d", data);
  }

  private static void send(WebSocket webSocket, JsonNode frame) {
    webSocket.send(frame.toString());
  }
}
