package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.engine.ConversationEngine;
import dev.parley.core.internal.tickets.CreateTicketTool;
import dev.parley.core.internal.tickets.InMemoryTicketStore;
import dev.parley.core.internal.tickets.LookupTicketTool;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.TestEngines;
import dev.parley.core.testing.corpus.CorpusCase;
import dev.parley.core.testing.corpus.CorpusChecks;
import dev.parley.core.testing.corpus.CorpusEngines;
import dev.parley.core.testing.corpus.CorpusTally;
import dev.parley.core.testing.corpus.CountingTickets;
import dev.parley.core.testing.corpus.HostileCorpus;
import dev.parley.core.testing.corpus.LogCapture;
import dev.parley.slack.SlackAdapter;
import dev.parley.slack.SlackBudgets;
import dev.parley.slack.SlackSettings;
import dev.parley.slack.SlackSignatureVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus on Slack: the shared cases ({@code corpus/shared.jsonl}) and Slack's
 * own ({@code corpus/slack.jsonl}), through the real Bolt app (Socket Mode and HTTP mode) and the
 * real engine, against {@link FakeSlack} and {@link FakeGroq}. One running instance takes every
 * case; after each, it must still answer a normal message, nothing that reached Slack may ping,
 * no log line may hold a secret, and no other tenant's ticket may show.
 *
 * <p>Output cases run on both reply paths: {@code stream} (a channel mention, answered in its
 * thread through {@code chat.startStream}/{@code appendStream}) and {@code post} (a top-level DM,
 * answered with {@code chat.postMessage}/{@code chat.update} in mrkdwn).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackHostileCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "corpus-signing-secret-5b1d7c9e0a";
  private static final List<String> SECRETS = List.of(FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, SECRET, "gsk_test_key");
  private static final String CHANNEL = "C0CORPUS";
  private static final String USER = "U0ADA";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Set<String> BOTH_PATHS = Set.of("mass_mention", "link_smuggling", "unicode");
  private static final Set<String> WRITES = Set.of("chat.postMessage", "chat.update", "chat.startStream",
      "chat.appendStream", "chat.stopStream", "chat.postEphemeral", "chat.scheduleMessage");
  /** A link the renderer writes: a web or mail URL, one token, then an optional label. */
  private static final Pattern OWN_LINK = Pattern.compile("<(https?|mailto):[^<>|\\s]*(\\|[^<>]*)?>");
  /** A block quote's mark: a {@code >} the renderer writes at the start of a line. */
  private static final Pattern QUOTE_MARK = Pattern.compile("(?m)^(\\s*> ?)+");
  private static final Pattern CODE = Pattern.compile("(?s)```.*?```|`[^`]*`");
  private static final Pattern BARE_CROWD = Pattern.compile("(?i)(?<![\\w@])@(channel|here|everyone)\\b");

  private final CorpusTally tally = new CorpusTally("slack");
  private final SlackSignatureVerifier signer = new SlackSignatureVerifier(SECRET, Clock.systemUTC());
  private final HttpClient http = HttpClient.newHttpClient();
  private final CountingTickets tickets = new CountingTickets(new InMemoryTicketStore());
  private final AtomicInteger dmChannels = new AtomicInteger();
  private FakeSlack slack;
  private FakeGroq groq;
  private ConversationEngine engine;
  private SlackAdapter socketBot;
  private SlackAdapter httpBot;
  private HttpServer server;
  private Ticket foreign;

  @BeforeAll
  void start() throws IOException {
    slack = FakeSlack.start();
    groq = FakeGroq.start();
    engine = CorpusEngines.withShortTurnDeadline(TestEngines.inMemoryBuilder(groq.baseUrl()))
        .tools(new ToolRegistry(List.of(new CreateTicketTool(tickets.store()), new LookupTicketTool(tickets.store()))))
        .tickets(tickets.store())
        .build();
    // 137 cases through one workspace in about three minutes start more streams than Slack's Tier 2
    // floor (20 a minute) allows: the budgets would make later cases wait past their timeouts.
    // Budgets are proven in WorkspaceBudgetsTest; here they are lifted, this fake limits nothing.
    var budgets = new SlackBudgets(Duration.ofMillis(250), Duration.ofMillis(200), 100);
    socketBot = new SlackAdapter(SlackSettings.socketMode(FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, slack.apiUrl()),
        engine.core(), budgets, Clock.systemUTC());
    socketBot.start();
    slack.socket().awaitConnected(Duration.ofSeconds(10));
    httpBot = new SlackAdapter(SlackSettings.httpMode(FakeSlack.BOT_TOKEN, SECRET, slack.apiUrl()), engine.core(), budgets,
        Clock.systemUTC());
    httpBot.start();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/slack/events", httpBot.httpEndpoint());
    server.start();
    foreign = tickets.store().create(new NewTicket(CorpusChecks.FOREIGN_TITLE, "Only the other tenant may read this.",
        null, "1500000000000000005", "eve",
        new ConversationKey("discord", "1200000000000000002", "1300000000000000003", "1400000000000000004"), null),
        "corpus:foreign");
  }

  @AfterAll
  void stop() {
    tally.print();
    if (server != null) server.stop(0);
    if (httpBot != null) httpBot.close();
    if (socketBot != null) socketBot.close();
    if (engine != null) engine.close();
    if (slack != null) slack.close();
    if (groq != null) groq.close();
  }

  Stream<Arguments> cases() {
    return HostileCorpus.load(HostileCorpus.SHARED, "corpus/slack.jsonl").stream().flatMap(c ->
        BOTH_PATHS.contains(c.inputClass()) ? Stream.of(Arguments.of(c, "stream"), Arguments.of(c, "post"))
            : Stream.of(Arguments.of(c, "stream")));
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("cases")
  void hostileInputIsContained(CorpusCase c, String path) throws Exception {
    boolean passed = false;
    groq.clearScripted();
    groq.drainRequests();
    int callsBefore = slack.calls().size();
    int modelCallsBefore = groq.completionCalls();
    int ticketsBefore = tickets.created();
    try (LogCapture logs = LogCapture.attach()) {
      HostileCorpus.scriptModel(groq, c);
      Place place = run(c, path, modelCallsBefore, ticketsBefore);
      List<FakeSlack.ApiCall> calls = slack.calls().subList(callsBefore, slack.calls().size());
      assertNothingPings(calls);
      if (place != null) CorpusChecks.assertContent(c, shown(place));
      CorpusChecks.assertNoForeignData(groq.drainRequests());
      groq.clearScripted();
      assertStillAnswers();
      assertThat(logs.linesContaining(SECRETS)).as("log lines with a secret").isEmpty();
      passed = true;
    } finally {
      tally.record(c, passed);
      groq.clearScripted();
    }
  }

  /** Where a case's answer goes: a channel and its thread, or a DM's top level (null thread). */
  private record Place(String channel, String threadTs) {}

  private Place run(CorpusCase c, String path, int modelCallsBefore, int ticketsBefore) throws Exception {
    return switch (c.kind()) {
      case "slack_event" -> {
        deliverRaw(c);
        assertIgnoredOrAnswered(c, modelCallsBefore);
        yield null;
      }
      case "slack_http" -> {
        signatureCase(c, modelCallsBefore);
        yield null;
      }
      default -> {
        if (c.kind().equals("cross_tenant")) {
          groq.enqueueToolCall("call_lookup", LookupTicketTool.NAME, "{\"id\":\"" + foreign.id() + "\"}");
          groq.enqueueAnswer("I looked it up.");
        }
        String text = c.kind().equals("user_text") ? c.text("text") : "Please answer, case " + c.id();
        Place place = ask(text, path);
        expect(c, place, modelCallsBefore, ticketsBefore);
        yield place;
      }
    };
  }

  private Place ask(String text, String path) {
    String ts = slack.nextTs();
    if (path.equals("post")) {
      String dm = "D0CORPUS" + dmChannels.incrementAndGet();
      ObjectNode event = SlackEvents.directMessage(dm, USER, text, ts, null);
      slack.rememberUserMessage(event);
      slack.socket().sendEvent(SlackEvents.callback(event), 0);
      return new Place(dm, null);
    }
    ObjectNode event = SlackEvents.mention(CHANNEL, USER, text, ts, null);
    slack.rememberUserMessage(event);
    slack.socket().sendEvent(SlackEvents.callback(event), 0);
    return new Place(CHANNEL, ts);
  }

  private void expect(CorpusCase c, Place place, int modelCallsBefore, int ticketsBefore) {
    switch (c.expect()) {
      case "answered", "no_leak" -> awaitFinished(place, true);
      case "ended" -> awaitFinished(place, false);
      case "kept_with_notice" -> {
        awaitFinished(place, false);
        String shown = shown(place);
        assertThat(shown).contains(c.input().path("kept").asText());
        assertThat(shown.strip()).as("a notice after the kept text").isNotEqualTo(c.input().path("kept").asText());
      }
      case "notice" -> {
        awaitFinished(place, false);
        assertThat(groq.completionCalls() - modelCallsBefore).as("model requests for a refused message").isZero();
        assertThat(shown(place)).isNotBlank();
      }
      case "bounded_tools" -> {
        awaitFinished(place, false);
        assertThat(tickets.created() - ticketsBefore).as("tickets filed by one turn").isLessThanOrEqualTo(3);
        assertThat(groq.completionCalls() - modelCallsBefore).as("model requests of one turn").isLessThanOrEqualTo(7);
      }
      default -> throw new AssertionError("unknown expectation " + c.expect() + " in " + c.id());
    }
  }

  /** Waits until the reply is final: not streaming, no Stop button, and (when asked) feedback buttons. */
  private void awaitFinished(Place place, boolean withFeedback) {
    await().atMost(WAIT).until(() -> {
      List<FakeSlackMessage> messages = messages(place);
      if (messages.isEmpty()) return false;
      boolean settled = messages.stream().noneMatch(m -> m.streaming() || m.buttons().contains("parley_stop"));
      return settled && (!withFeedback || messages.getLast().buttons().contains("parley_feedback_up"));
    });
  }

  private List<FakeSlackMessage> messages(Place place) {
    return slack.botMessages().stream().filter(m -> m.channel().equals(place.channel())
        && (place.threadTs() == null ? m.threadTs() == null : place.threadTs().equals(m.threadTs()))).toList();
  }

  private String shown(Place place) {
    return messages(place).stream().map(FakeSlackMessage::visibleText).collect(Collectors.joining());
  }

  /** A raw Events API payload, over Socket Mode or signed over HTTP. */
  private void deliverRaw(CorpusCase c) throws Exception {
    JsonNode payload = c.input().path("payload");
    if (c.input().path("via").asText("socket").equals("http")) {
      String body = payload.toString();
      HttpResponse<String> response = post(body, signed(body, Instant.now()));
      assertThat(response.statusCode()).as("HTTP status").isLessThan(500);
    } else {
      if (payload.has("envelope_id")) slack.socket().sendRaw(payload.toString());
      else slack.socket().sendEvent(payload, 0);
    }
  }

  private void assertIgnoredOrAnswered(CorpusCase c, int modelCallsBefore) {
    String channel = c.input().path("payload").path("event").path("channel").asText(CHANNEL);
    if (c.expect().equals("answered")) {
      await().atMost(WAIT).until(() -> slack.botMessages().stream().anyMatch(m -> m.channel().equals(channel)
          && m.buttons().contains("parley_feedback_up")));
      return;
    }
    assertThat(c.expect()).isEqualTo("ignored");
    await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).until(() ->
        groq.completionCalls() == modelCallsBefore);
  }

  private void signatureCase(CorpusCase c, int modelCallsBefore) throws Exception {
    String text = "signed case " + c.id();
    String ts = slack.nextTs();
    String body = SlackEvents.callback(SlackEvents.mention(CHANNEL, USER, text, ts, null)).toString();
    Instant now = Instant.now();
    String[] headers = switch (c.input().path("signature").asText()) {
      case "wrong_secret" -> headers(now, "v0=" + new SlackSignatureVerifier("not-the-secret", Clock.systemUTC())
          .sign(String.valueOf(now.getEpochSecond()), body.getBytes(StandardCharsets.UTF_8)));
      case "stale" -> signed(body, now.minus(Duration.ofMinutes(6)));
      case "future" -> signed(body, now.plus(Duration.ofMinutes(6)));
      case "missing" -> new String[0];
      case "v1" -> headers(now, signed(body, now)[3].replace("v0=", "v1="));
      case "not_a_number" -> new String[] {"X-Slack-Request-Timestamp", "soon", "X-Slack-Signature", "v0=00"};
      case "truncated" -> headers(now, signed(body, now)[3].substring(0, 20));
      case "tampered", "replayed", "valid" -> signed(body, now);
      default -> throw new AssertionError("unknown signature case " + c.id());
    };
    String sent = c.input().path("signature").asText().equals("tampered") ? body.replace(text, text + " plus") : body;
    HttpResponse<String> first = post(sent, headers);
    if (c.expect().equals("rejected")) {
      assertThat(first.statusCode()).isEqualTo(401);
      await().during(Duration.ofMillis(1_000)).atMost(Duration.ofSeconds(4)).until(() ->
          groq.completionCalls() == modelCallsBefore && slack.botMessages(CHANNEL, ts).isEmpty());
      return;
    }
    assertThat(first.statusCode()).isEqualTo(200);
    if (c.input().path("signature").asText().equals("replayed")) {
      assertThat(post(sent, headers).statusCode()).isEqualTo(200);
    }
    awaitFinished(new Place(CHANNEL, ts), true);
    await().during(Duration.ofMillis(1_000)).atMost(Duration.ofSeconds(4)).until(() ->
        groq.completionCalls() == modelCallsBefore + 1 && slack.botMessages(CHANNEL, ts).size() == 1);
  }

  /** Nothing the bot sent Slack can notify a crowd or a person it did not mean to. */
  private static void assertNothingPings(List<FakeSlack.ApiCall> calls) throws IOException {
    for (FakeSlack.ApiCall call : calls) {
      if (!WRITES.contains(call.method())) continue;
      assertThat(call.param("link_names")).as("link_names on %s", call.method()).isNotIn("true", "1");
      String markdown = call.param("markdown_text");
      if (markdown != null) {
        CorpusChecks.assertWellFormed("markdown_text", markdown);
        assertThat(markdown).as("markdown_text").doesNotContain("<!", "<@", "<#").doesNotContainPattern(BARE_CROWD);
      }
      List<String> mrkdwn = new ArrayList<>();
      if (call.param("text") != null) mrkdwn.add(call.param("text"));
      if (call.param("blocks") != null) JSON.readTree(call.param("blocks")).findValues("text").forEach(t -> {
        if (t.isTextual()) mrkdwn.add(t.asText());
        else if ("mrkdwn".equals(t.path("type").asText())) mrkdwn.add(t.path("text").asText());
      });
      for (String text : mrkdwn) {
        CorpusChecks.assertWellFormed(call.method() + " text", text);
        String outsideLinks = OWN_LINK.matcher(text).replaceAll("");
        assertThat(QUOTE_MARK.matcher(outsideLinks).replaceAll("")).as("%s text outside links", call.method())
            .doesNotContain("<", ">");
        // Without link_names (asserted above) Slack parses no bare @here; outside code it is
        // neutralised all the same, and code is shown exactly as written.
        assertThat(CODE.matcher(outsideLinks).replaceAll("")).doesNotContainPattern(BARE_CROWD);
      }
    }
  }

  /** The same running instance still answers an ordinary message. */
  private void assertStillAnswers() {
    String ts = slack.nextTs();
    ObjectNode event = SlackEvents.mention(CHANNEL, USER, "probe " + ts, ts, null);
    slack.rememberUserMessage(event);
    slack.socket().sendEvent(SlackEvents.callback(event), 0);
    await().atMost(WAIT).until(() -> slack.botMessages(CHANNEL, ts).stream()
        .anyMatch(m -> m.visibleText().equals("echo: probe " + ts) && m.buttons().contains("parley_feedback_up")));
  }

  private String[] signed(String body, Instant at) {
    String timestamp = String.valueOf(at.getEpochSecond());
    return headers(at, "v0=" + signer.sign(timestamp, body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String[] headers(Instant at, String signature) {
    return new String[] {"X-Slack-Request-Timestamp", String.valueOf(at.getEpochSecond()), "X-Slack-Signature", signature};
  }

  private HttpResponse<String> post(String body, String[] headers) throws Exception {
    // What the event announces exists in Slack, as it would for a real delivery; a body that is
    // no event (or no JSON) announces nothing.
    try {
      if (JSON.readTree(body).path("event") instanceof ObjectNode event
          && event.path("channel").isTextual() && event.path("ts").isTextual()) {
        slack.eventSent(event);
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
      // Nothing to announce.
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slack/events"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
