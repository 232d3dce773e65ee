package dev.parley.discord.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One REST request the fake received and what it answered.
 *
 * @param route the decoded path below {@code /api/v10/}, such as
 *     {@code [webhooks, APP, TOKEN, messages, @original]}
 * @param body the JSON body, or a missing node
 * @param error Discord's JSON error code when it refused ({@code 50035}, {@code 10062}, and
 *     {@code 0} for errors without one), or null on success
 */
public record RecordedCall(String method, List<String> route, JsonNode body, int status, Instant at, Integer error) {

  /** A refusal: any 4xx but a 429, which is rate limiting the bot must honour, not an error. */
  public boolean refused() {
    return status >= 400 && status != 429;
  }

  String path() {
    return String.join("/", route);
  }

  boolean is(String method, String pathPattern) {
    return this.method.equals(method) && path().matches(pathPattern);
  }

  /** Creates and edits of messages: what Discord's 5-per-5-seconds buckets count. */
  boolean writesMessage() {
    return (method.equals("POST") || method.equals("PATCH"))
        && (path().matches("channels/\\d+/messages(/\\d+)?") || path().matches("webhooks/\\d+/[^/]+(/messages/.+)?"));
  }
}
