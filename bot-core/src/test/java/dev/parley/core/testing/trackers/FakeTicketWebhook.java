package dev.parley.core.testing.trackers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.internal.tickets.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A helpdesk receiving Parley's ticket webhook as docs/operations.md tells receivers to: it checks
 * {@code X-Parley-Signature} over {@code X-Parley-Timestamp + "." + raw body} (401 when wrong, or
 * when the timestamp is more than five minutes off), and deduplicates by {@code Idempotency-Key}: a
 * key it has seen gets the first ticket back (200) instead of a new one (201). {@code GET /<id>}
 * reports a ticket's state. Scripted faults: a 429 with {@code Retry-After}, and a create whose
 * answer is lost after the ticket was made.
 */
public final class FakeTicketWebhook extends FakeTrackerServer {
  public static final String SECRET = "whsec-fake-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private final Map<String, ObjectNode> byKey = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> byId = new ConcurrentHashMap<>();
  private final List<JsonNode> deliveries = new CopyOnWriteArrayList<>();

  public FakeTicketWebhook(Clock clock) {
    super("webhook receiver");
    this.clock = clock;
  }

  /** What {@code TICKET_WEBHOOK_URL} is set to. */
  public URI url() {
    return url("/tickets").uri();
  }

  /** Tickets the receiver made, one per distinct {@code Idempotency-Key}. */
  public int tickets() {
    return byId.size();
  }

  /** Every signed create that arrived, repeats included. */
  public List<JsonNode> deliveries() {
    return List.copyOf(deliveries);
  }

  public void rateLimitNext(int seconds) {
    addFault(new MockResponse.Builder().code(429).setHeader("Retry-After", seconds).body("slow down").build());
  }

  public void close(String id, String assignee) {
    byId.get(id).put("status", "closed").put("assignee", assignee);
  }

  @Override
  protected MockResponse route(RecordedRequest request) {
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    String timestamp = request.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER);
    if (timestamp == null || !timestamp.matches("\\d{1,12}")
        || Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) > 300
        || !WebhookSignature.matches(SECRET, Long.parseLong(timestamp), body,
            request.getHeaders().get(WebhookSignature.SIGNATURE_HEADER))) {
      return new MockResponse.Builder().code(401).body("bad signature").build();
    }
    MockResponse fault = nextFault();
    if (fault != null) return fault;
    String path = request.getUrl().encodedPath();
    if (request.getMethod().equals("GET") && path.startsWith("/tickets/")) {
      ObjectNode ticket = byId.get(path.substring("/tickets/".length()));
      return ticket == null ? new MockResponse.Builder().code(404).build() : json(200, ticket).build();
    }
    if (!request.getMethod().equals("POST") || !path.equals("/tickets")) return new MockResponse.Builder().code(404).build();
    String key = request.getHeaders().get(WebhookSignature.IDEMPOTENCY_HEADER);
    if (key == null || key.isBlank()) return new MockResponse.Builder().code(400).body("Idempotency-Key required").build();
    JsonNode delivery;
    try {
      delivery = JSON.readTree(body);
    } catch (IOException e) {
      return new MockResponse.Builder().code(400).body("not JSON").build();
    }
    deliveries.add(delivery);
    ObjectNode existing = byKey.get(key);
    if (existing != null) return json(200, existing).build();
    String id = "HD-" + (byId.size() + 1);
    ObjectNode ticket = JSON.createObjectNode().put("id", id).put("url", "https://helpdesk.test/tickets/" + id)
        .put("title", delivery.path("ticket").path("title").asText()).put("status", "open");
    byKey.put(key, ticket);
    byId.put(id, ticket);
    return answerCreate(json(201, ticket)).build();
  }

  private static MockResponse.Builder json(int code, JsonNode body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body.toString());
  }
}
