package dev.parley.deploy;

import com.sun.net.httpserver.Headers;
import dev.parley.core.internal.status.GenericWebhookParser;
import dev.parley.core.internal.status.GitHubWebhookParser;
import dev.parley.core.internal.status.JiraWebhookParser;
import dev.parley.core.internal.status.StatusRelay;
import dev.parley.core.internal.status.WebhookSignatures;
import dev.parley.core.internal.tickets.WebhookSignature;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The inbound ticket status endpoints on the ops server's port, one per tracker whose secret is
 * set (an endpoint without a secret is not mounted, so it answers 404):
 * <ul>
 *   <li>{@code POST /webhooks/github}: {@code X-Hub-Signature-256}, {@code X-GitHub-Event},
 *       {@code X-GitHub-Delivery} (docs.github.com, "Webhook events and payloads");
 *   <li>{@code POST /webhooks/jira}: {@code X-Hub-Signature: sha256=<hex>} for a Jira Cloud admin
 *       webhook with a secret, and {@code X-Atlassian-Webhook-Identifier}, the same on Jira's
 *       retries (developer.atlassian.com, "Webhooks");
 *   <li>{@code POST /webhooks/tickets}: Parley's own scheme, {@code X-Parley-Timestamp} and
 *       {@code X-Parley-Signature: v1=<hex>}, the scheme of the outbound ticket webhook (see
 *       {@link WebhookSignature}), with a timestamp no more than five minutes off.
 * </ul>
 * Like Slack's events route, each is mounted before the port serves and answers 503 until
 * {@link #open} and again from {@link #drain}: a tracker that retries loses nothing.
 */
final class StatusWebhooks {
  static final String GITHUB_PATH = "/webhooks/github";
  static final String JIRA_PATH = "/webhooks/jira";
  static final String GENERIC_PATH = "/webhooks/tickets";
  /**
   * Issue and comment payloads are small: GitHub caps an issue or comment body at 65,536
   * characters; Jira's include the fields. A megabyte holds either with room to spare.
   */
  static final long MAX_BODY = 1024 * 1024;

  private record Mounted(String path, GatedRoute gate) {}

  private final ParleyConfig.StatusWebhooks secrets;
  private final Clock clock;
  private final MeterRegistry registry;
  private final List<Mounted> mounted = new ArrayList<>();

  StatusWebhooks(ParleyConfig.StatusWebhooks secrets, OpsServer ops, MeterRegistry registry, Clock clock) {
    this.secrets = secrets;
    this.clock = clock;
    this.registry = registry;
    if (secrets.githubSecret() != null) mount(ops, GITHUB_PATH);
    if (secrets.jiraSecret() != null) mount(ops, JIRA_PATH);
    if (secrets.genericSecret() != null) mount(ops, GENERIC_PATH);
  }

  /** The paths mounted, for the start-up log. */
  List<String> paths() {
    return mounted.stream().map(Mounted::path).toList();
  }

  /** From now on, deliveries go to {@code relay}. */
  void open(StatusRelay relay) {
    for (Mounted route : mounted) {
      route.gate().open(route(route.path(), relay));
    }
  }

  /** From now on, deliveries get 503 again, so the tracker retries them against a ready replica. */
  void drain() {
    mounted.forEach(route -> route.gate().drain());
  }

  private void mount(OpsServer ops, String path) {
    GatedRoute gate = new GatedRoute();
    ops.mount(path, gate, MAX_BODY);
    mounted.add(new Mounted(path, gate));
  }

  private StatusWebhookRoute route(String path, StatusRelay relay) {
    return switch (path) {
      case GITHUB_PATH -> {
        GitHubWebhookParser parser = new GitHubWebhookParser();
        yield new StatusWebhookRoute("github", "X-GitHub-Delivery",
            (headers, body) -> WebhookSignatures.validHubSignature(secrets.githubSecret(), body,
                headers.getFirst("X-Hub-Signature-256")),
            (headers, body) -> parser.parse(headers.getFirst("X-GitHub-Event"), headers.getFirst("X-GitHub-Delivery"), body),
            relay, registry);
      }
      case JIRA_PATH -> {
        JiraWebhookParser parser = new JiraWebhookParser(secrets.jiraEmail());
        yield new StatusWebhookRoute("jira", "X-Atlassian-Webhook-Identifier",
            (headers, body) -> WebhookSignatures.validHubSignature(secrets.jiraSecret(), body,
                headers.getFirst("X-Hub-Signature")),
            (headers, body) -> parser.parse(headers.getFirst("X-Atlassian-Webhook-Identifier"), body), relay, registry);
      }
      default -> {
        GenericWebhookParser parser = new GenericWebhookParser();
        yield new StatusWebhookRoute("webhook", null, this::genericVerified, (headers, body) -> parser.parse(body), relay,
            registry);
      }
    };
  }

  private boolean genericVerified(Headers headers, byte[] body) {
    return WebhookSignatures.validParleySignature(secrets.genericSecret(), body,
        headers.getFirst(WebhookSignature.TIMESTAMP_HEADER), headers.getFirst(WebhookSignature.SIGNATURE_HEADER),
        clock.instant());
  }
}
