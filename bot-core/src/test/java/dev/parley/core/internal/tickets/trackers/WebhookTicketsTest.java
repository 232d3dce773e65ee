package dev.parley.core.internal.tickets.trackers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.internal.tickets.TicketBackendException;
import dev.parley.core.internal.tickets.TrackerIssue;
import dev.parley.core.internal.tickets.WebhookSignature;
import dev.parley.core.testing.trackers.FakeTicketWebhook;
import dev.parley.core.testing.trackers.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookTicketsTest {
  private final TestClock clock = new TestClock();
  private final FakeTicketWebhook receiver = new FakeTicketWebhook(clock);
  private final WebhookTickets webhook = new WebhookTickets(receiver.url(), FakeTicketWebhook.SECRET, new OkHttpClient(), clock);

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void postsASignedTicketTheReceiverAccepts() {
    TrackerIssue issue = webhook.create(TrackerTickets.printerBroken(), "abc123");

    assertThat(issue.externalId()).isEqualTo("HD-1");
    assertThat(issue.url()).isEqualTo("https://helpdesk.test/tickets/HD-1");
    assertThat(receiver.deliveries().get(0).path("ticket").path("parley_id").asText()).isEqualTo("SUP-7");
    assertThat(receiver.deliveries().get(0).path("ticket").path("thread_url").asText()).contains("thread_ts=123.45");
  }

  @Test
  void theSameIdempotencyKeyGetsTheFirstTicketBack() {
    webhook.create(TrackerTickets.printerBroken(), "abc123");
    TrackerIssue again = webhook.create(TrackerTickets.printerBroken(), "abc123");

    assertThat(again.externalId()).isEqualTo("HD-1");
    assertThat(receiver.tickets()).isEqualTo(1);
    assertThat(receiver.deliveries()).hasSize(2);
  }

  @Test
  void aWrongSecretIsRefused() {
    WebhookTickets wrong = new WebhookTickets(receiver.url(), "another-secret-entirely", new OkHttpClient(), clock);

    assertThatThrownBy(() -> wrong.create(TrackerTickets.printerBroken(), "abc123"))
        .isInstanceOfSatisfying(TicketBackendException.class, e -> {
          assertThat(e.retriable()).isFalse();
          assertThat(e.getMessage()).contains("HTTP 401");
        });
  }

  @Test
  void a429WaitsItsRetryAfter() {
    receiver.rateLimitNext(9);

    assertThatThrownBy(() -> webhook.create(TrackerTickets.printerBroken(), "abc123"))
        .isInstanceOfSatisfying(TicketBackendException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(9)));
  }

  @Test
  void readsTheReceiversStateOfATicket() {
    webhook.create(TrackerTickets.printerBroken(), "abc123");
    receiver.close("HD-1", "grace");

    TrackerIssue live = webhook.read("HD-1").orElseThrow();

    assertThat(live.open()).isFalse();
    assertThat(live.assignee()).isEqualTo("grace");
    assertThat(webhook.read("HD-9")).isEmpty();
  }

  @Test
  void theSignatureIsTheDocumentedScheme() {
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
    assertThat(WebhookSignature.sign("secret", 1_700_000_000L, body))
        .isEqualTo("v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686");
    assertThat(WebhookSignature.matches("secret", 1_700_000_000L, body, WebhookSignature.sign("secret", 1_700_000_000L, body)))
        .isTrue();
    assertThat(WebhookSignature.matches("secret", 1_700_000_001L, body, WebhookSignature.sign("secret", 1_700_000_000L, body)))
        .isFalse();
  }
}
