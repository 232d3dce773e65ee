package dev.parley.slack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.awaitility.Awaitility;

/**
 * The server side of a Socket Mode connection: greets with {@code hello}, sends envelopes
 * ({@code events_api}, {@code slash_commands}, {@code interactive}) the way Slack frames them,
 * and records the client's acks with the time they came.
 */
public final class FakeSocketMode extends WebSocketListener {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The client's ack of one envelope, with the response payload it carried, if any. */
  public record Ack(String envelopeId, JsonNode payload, Instant at) {}

  private final Map<String, Ack> acks = new ConcurrentHashMap<>();
  private final Map<String, Instant> sent = new ConcurrentHashMap<>();
  private volatile WebSocket current;
  private volatile int connections;

  /** Waits until a client is connected and greeted. */
  public void awaitConnected(Duration timeout) {
    Awaitility.await().atMost(timeout.toMillis(), TimeUnit.MILLISECONDS).until(() -> current != null);
  }

  public int connections() {
    return connections;
  }

  /** Sends an {@code events_api} envelope around an {@code event_callback}; returns its envelope id. */
  public String sendEvent(JsonNode callback, int retryAttempt) {
    // What a user posts (or the thread Slack opens for an assistant) exists before its event arrives.
    JsonNode event = callback.path("event");
    if (event.isObject() && onUserMessage != null) onUserMessage.accept((ObjectNode) event);
    ObjectNode envelope = envelope("events_api", callback, false);
    envelope.put("retry_attempt", retryAttempt).put("retry_reason", retryAttempt > 0 ? "timeout" : "");
    return send(envelope);
  }

  /** Sends a {@code slash_commands} envelope; the payload holds the command's form fields. */
  public String sendSlashCommand(JsonNode fields) {
    return send(envelope("slash_commands", fields, true));
  }

  /** Sends an {@code interactive} envelope, such as a {@code block_actions} payload. */
  public String sendInteractive(JsonNode payload) {
    return send(envelope("interactive", payload, false));
  }

  /** Sends any frame as it is, such as a malformed envelope. */
  public void sendRaw(String frame) {
    WebSocket socket = current;
    if (socket == null) throw new IllegalStateException("no Socket Mode client is connected");
    socket.send(frame);
  }

  /** Asks the client to reconnect, as Slack does before it recycles a connection. */
  public void sendDisconnect() {
    WebSocket socket = current;
    if (socket == null) throw new IllegalStateException("no Socket Mode client is connected");
    socket.send("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\",\"debug_info\":{\"host\":\"applink-fake\"}}");
  }

  /** The ack of an envelope, waiting up to {@code timeout}. */
  public Ack awaitAck(String envelopeId, Duration timeout) {
    Awaitility.await().atMost(timeout.toMillis(), TimeUnit.MILLISECONDS).until(() -> acks.containsKey(envelopeId));
    return acks.get(envelopeId);
  }

  /** When an envelope was sent. */
  public Instant sentAt(String envelopeId) {
    return sent.get(envelopeId);
  }

  public int ackCount() {
    return acks.size();
  }

  void close() {
    WebSocket socket = current;
    if (socket != null) socket.close(1001, "fake Slack closing");
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    connections++;
    webSocket.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"applink-fake\","
        + "\"build_number\":1,\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"A0PARLEY\"}}");
    current = webSocket;
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    try {
      JsonNode ack = JSON.readTree(text);
      String id = ack.path("envelope_id").asText();
      if (!id.isEmpty()) acks.putIfAbsent(id, new Ack(id, ack.path("payload"), Instant.now()));
    } catch (IOException e) {
      throw new IllegalStateException("the client sent a frame that is not JSON: " + text, e);
    }
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    webSocket.close(1000, null);
    if (current == webSocket) current = null;
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    if (current == webSocket) current = null;
  }

  private ObjectNode envelope(String type, JsonNode payload, boolean acceptsResponsePayload) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("envelope_id", UUID.randomUUID().toString());
    envelope.set("payload", payload);
    envelope.put("type", type).put("accepts_response_payload", acceptsResponsePayload);
    return envelope;
  }

  private volatile java.util.function.Consumer<ObjectNode> onUserMessage;

  /** Called with each event sent, so the fake Slack stores what the event says exists. */
  void onUserMessage(java.util.function.Consumer<ObjectNode> listener) {
    this.onUserMessage = listener;
  }

  private String send(ObjectNode envelope) {
    WebSocket socket = current;
    if (socket == null) throw new IllegalStateException("no Socket Mode client is connected");
    String id = envelope.path("envelope_id").asText();
    sent.put(id, Instant.now());
    socket.send(envelope.toString());
    return id;
  }
}
