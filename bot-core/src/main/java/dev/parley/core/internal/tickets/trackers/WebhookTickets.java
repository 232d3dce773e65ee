package dev.parley.core.internal.tickets.trackers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.json.PooledJson;
import dev.parley.core.internal.tickets.TicketBackend;
import dev.parley.core.internal.tickets.TicketBackendException;
import dev.parley.core.internal.tickets.TrackerIssue;
import dev.parley.core.internal.tickets.WebhookSignature;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A helpdesk behind a URL: each ticket is a signed JSON POST ({@link WebhookSignature}) with an
 * {@code Idempotency-Key} that stays the same for every attempt at one ticket. The receiver must
 * answer a repeated key with the ticket it made the first time; that is what makes a retry after
 * a crash safe, so {@link #findCreated} has nothing to ask and the retry simply posts again.
 *
 * <p>The receiver answers 200 or 201 with {@code {"id": "...", "url": "...", "status": "..."}}
 * ({@code id} required). {@code lookup_ticket} asks {@code GET <url>/<id>}, signed over an empty
 * body, for the same shape; a receiver that answers 404, 405 or 501 leaves Parley's recorded state.
 * A 429 or 503 waits {@code Retry-After} seconds; another 4xx is a refusal; a 5xx may pass.
 */
public final class WebhookTickets implements TicketBackend {
  private static final ObjectMapper JSON = PooledJson.newMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final HttpUrl url;
  private final String secret;
  private final TrackerHttp http;

  public WebhookTickets(URI url, String secret, OkHttpClient client, Clock clock) {
    this.url = Objects.requireNonNull(HttpUrl.get(url.toString()), "url");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.http = new TrackerHttp("The ticket webhook", client, clock);
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public TrackerIssue create(Ticket ticket, String marker) {
    byte[] body = payload(ticket).toString().getBytes(StandardCharsets.UTF_8);
    Request request = signed(new Request.Builder().url(url), body)
        .header(WebhookSignature.IDEMPOTENCY_HEADER, key(marker))
        .post(RequestBody.create(body, JSON_TYPE)).build();
    TrackerHttp.Reply reply = http.send(request);
    if (!reply.ok()) throw failure(reply);
    String id = reply.json().path("id").asText(null);
    if (id == null || id.isBlank()) {
      throw TicketBackendException.refused("The ticket webhook answered without the ticket's id.");
    }
    return issue(id, reply.json());
  }

  /** Nothing to ask: posting again with the same {@code Idempotency-Key} returns the first ticket. */
  @Override
  public Optional<TrackerIssue> findCreated(String marker, Instant notBefore) {
    return Optional.empty();
  }

  @Override
  public Optional<TrackerIssue> read(String externalId) {
    Request request = signed(new Request.Builder().url(url.newBuilder().addPathSegment(externalId).build()), new byte[0])
        .get().build();
    TrackerHttp.Reply reply = http.send(request);
    if (reply.code() == 404 || reply.code() == 405 || reply.code() == 501) return Optional.empty();
    if (!reply.ok()) throw failure(reply);
    return Optional.of(issue(externalId, reply.json()));
  }

  /** The key the receiver deduplicates by. */
  static String key(String marker) {
    return "parley-" + marker;
  }

  private Request.Builder signed(Request.Builder request, byte[] body) {
    long now = http.clock().instant().getEpochSecond();
    return request.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
        .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, now, body));
  }

  private static ObjectNode payload(Ticket ticket) {
    ObjectNode body = JSON.createObjectNode().put("event", "ticket.created");
    ObjectNode node = body.putObject("ticket")
        .put("parley_id", ticket.id())
        .put("title", IssueText.title(ticket))
        .put("description", ticket.description())
        .put("priority", ticket.priority())
        .put("thread_url", ticket.permalink())
        .put("created_at", ticket.createdAt().toString());
    node.putObject("reporter").put("id", ticket.reporterId()).put("name", ticket.reporterName());
    node.putObject("conversation")
        .put("platform", ticket.conversation().platform())
        .put("tenant", ticket.conversation().tenant())
        .put("channel", ticket.conversation().channel())
        .put("thread", ticket.conversation().thread());
    return body;
  }

  private static TrackerIssue issue(String id, JsonNode reply) {
    String status = reply.path("status").asText("open");
    boolean open = reply.has("open") ? reply.path("open").asBoolean() : !status.matches("(?i)closed|resolved|done");
    return new TrackerIssue(id, reply.path("url").asText(null), reply.path("title").asText(null), status, open,
        reply.path("assignee").asText(null));
  }

  private TicketBackendException failure(TrackerHttp.Reply reply) {
    if (reply.code() == 429 || reply.code() == 503) {
      return http.limited("The ticket webhook asked Parley to slow down.",
          TrackerHttp.retryAfter(reply.headers(), Duration.ofSeconds(30)));
    }
    return http.otherFailure(reply, "The ticket webhook refused the ticket (HTTP " + reply.code() + ").");
  }
}
