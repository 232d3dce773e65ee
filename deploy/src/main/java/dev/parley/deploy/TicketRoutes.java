package dev.parley.deploy;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.RedactedUrl;
import dev.parley.core.internal.tickets.TicketBackend;
import dev.parley.core.internal.tickets.TicketBackends;
import dev.parley.core.internal.tickets.trackers.GitHubIssues;
import dev.parley.core.internal.tickets.trackers.JiraIssues;
import dev.parley.core.internal.tickets.trackers.WebhookTickets;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Which tracker each channel's tickets go to: the default from the environment
 * ({@code PARLEY_TICKETS} and the tracker's settings), overridden per channel by the YAML
 * {@code tickets:} key. A conversation gets its channel scope's entry, else its bare channel id's,
 * else the default, as {@link ChannelTable} resolves settings. Immutable; {@link #toString()} and
 * every tracker's {@code toString()} redact the secrets.
 */
record TicketRoutes(Tracker defaults, Map<String, Tracker> channels) {

  static final TicketRoutes EMBEDDED = new TicketRoutes(new Embedded(), Map.of());

  TicketRoutes {
    Objects.requireNonNull(defaults, "defaults");
    channels = Map.copyOf(channels);
  }

  Tracker trackerFor(ConversationKey key) {
    Tracker scoped = channels.get(key.channelScope());
    if (scoped != null) return scoped;
    return channels.getOrDefault(key.channel(), defaults);
  }

  /** Whether any channel files into a tracker outside Parley. */
  boolean anyTracker() {
    return !(defaults instanceof Embedded) || channels.values().stream().anyMatch(t -> !(t instanceof Embedded));
  }

  /**
   * One backend per distinct tracker, made now, so channels that share a repository share its
   * rate-limit gate; {@code client} is shared and owned by the caller.
   */
  TicketBackends backends(OkHttpClient client, Clock clock) {
    Map<Tracker, TicketBackend> made = new HashMap<>();
    made.put(defaults, defaults.backend(client, clock));
    channels.values().forEach(t -> made.computeIfAbsent(t, k -> k.backend(client, clock)));
    Map<Tracker, TicketBackend> backends = Map.copyOf(made);
    return conversation -> backends.get(trackerFor(conversation));
  }

  /** The tracker of each channel that has its own, for the start log; no secrets. */
  Map<String, String> summary() {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("default", defaults.toString());
    channels.forEach((channel, tracker) -> summary.put(channel, tracker.toString()));
    return summary;
  }

  /** A tracker and its settings. */
  sealed interface Tracker {
    TicketBackend backend(OkHttpClient client, Clock clock);
  }

  record Embedded() implements Tracker {
    @Override
    public TicketBackend backend(OkHttpClient client, Clock clock) {
      return TicketBackend.EMBEDDED;
    }

    @Override
    public String toString() {
      return "embedded";
    }
  }

  record GitHub(URI apiUrl, String repo, String token) implements Tracker {
    @Override
    public TicketBackend backend(OkHttpClient client, Clock clock) {
      return new GitHubIssues(apiUrl, token, repo, client, clock);
    }

    @Override
    public String toString() {
      return "github[repo=" + repo + ", apiUrl=" + RedactedUrl.of(apiUrl) + ", token=" + Redaction.kindOf(token) + "]";
    }
  }

  record Jira(URI url, String email, String apiToken, String project, String issueType) implements Tracker {
    @Override
    public TicketBackend backend(OkHttpClient client, Clock clock) {
      return new JiraIssues(url, email, apiToken, project, issueType, client, clock);
    }

    @Override
    public String toString() {
      return "jira[url=" + RedactedUrl.of(url) + ", email=" + email + ", project=" + project + ", issueType=" + issueType
          + ", apiToken=" + Redaction.kindOf(apiToken) + "]";
    }
  }

  record Webhook(URI url, String secret) implements Tracker {
    @Override
    public TicketBackend backend(OkHttpClient client, Clock clock) {
      return new WebhookTickets(url, secret, client, clock);
    }

    @Override
    public String toString() {
      return "webhook[url=" + RedactedUrl.of(url) + ", secret=" + Redaction.kindOf(secret) + "]";
    }
  }
}
