package dev.parley.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.bolt.App;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import dev.parley.core.api.AccessGate;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires Bolt to the adapter. Every handler acknowledges at once, well within Slack's three
 * seconds, and hands the work to a worker thread: the core may need Redis, and Slack retries
 * what is acked late. Events are taken in a middleware on their raw JSON, because the mapper
 * reads Slack's documented payloads rather than the SDK's model classes; commands and button
 * clicks use Bolt's typed handlers.
 */
final class SlackHandlers {
  private static final Logger log = LoggerFactory.getLogger(SlackHandlers.class);

  private final SlackEventMapper mapper;
  private final SlackConversationRouter router;
  private final ExecutorService workers;
  private final Clock clock;

  SlackHandlers(SlackEventMapper mapper, SlackConversationRouter router, ExecutorService workers, Clock clock) {
    this.mapper = mapper;
    this.router = router;
    this.workers = workers;
    this.clock = clock;
  }

  void register(App app) {
    app.use(eventsMiddleware());
    app.command("/ask", (req, ctx) -> {
      var command = mapper.command(SlackBodies.parse(req.getRequestBodyAsString()), clock.instant());
      if (command.isEmpty()) return ctx.ack();
      AccessGate.Verdict verdict = router.admit(command.get());
      if (verdict == AccessGate.Verdict.REFUSED_WITH_NOTICE) {
        return ctx.ack(r -> r.responseType("ephemeral").text(AccessGate.NOT_ALLOWED));
      }
      if (!verdict.allowed()) return ctx.ack();
      if (command.get().action() == SlackCommand.Action.ASK) {
        workers.execute(() -> safely("command", () -> router.onCommand(command.get())));
        return ctx.ack();
      }
      // The reply may echo what the user typed (a model name): it takes the one escaping path too.
      String reply = SlackMarkdown.toMrkdwn(router.onCommand(command.get()));
      return ctx.ack(r -> r.responseType("ephemeral").text(reply));
    });
    app.blockAction(Pattern.compile("^parley_.*"), (req, ctx) -> {
      mapper.buttonClick(SlackBodies.parse(req.getRequestBodyAsString()))
          .ifPresent(click -> workers.execute(() -> safely("button", () -> router.onButton(click))));
      return ctx.ack();
    });
  }

  private Middleware eventsMiddleware() {
    return (req, resp, chain) -> {
      if (req.getRequestType() != RequestType.Event) return chain.next(req);
      JsonNode callback = SlackBodies.parse(req.getRequestBodyAsString());
      String type = callback.path("event").path("type").asText();
      if (type.equals("app_mention") || type.equals("message")) {
        mapper.message(callback).ifPresent(m -> workers.execute(() -> safely(type, () -> router.onMessage(m))));
      } else if (type.equals("assistant_thread_started")) {
        mapper.assistantThread(callback)
            .ifPresent(t -> workers.execute(() -> safely(type, () -> router.onAssistantThreadStarted(t))));
      } else {
        log.debug("slack event ignored: type={} event={}", type, callback.path("event_id").asText());
      }
      return Response.ok();
    };
  }

  private static void safely(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      log.error("slack {} handling failed", what, e);
    }
  }
}
