package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.parley.core.api.ConversationKey;
import dev.parley.slack.SlackSettings;
import dev.parley.slack.SlackSignatureVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Events API over HTTP: the adapter's endpoint mounted on a JDK server, as deploy mounts it. */
class HttpModeTest extends SlackBotTestBase {
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private final SlackSignatureVerifier signer = new SlackSignatureVerifier(SECRET, Clock.systemUTC());
  private final HttpClient client = HttpClient.newHttpClient();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    startBot(SlackSettings.httpMode(FakeSlack.BOT_TOKEN, SECRET, slack.apiUrl()), engineBuilder());
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/slack/events", adapter.httpEndpoint());
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void answersTheUrlVerificationChallenge() throws Exception {
    String body = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}";

    HttpResponse<String> response = post(body, signed(body, Instant.now()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  }

  @Test
  void signedMentionIsAnsweredAndItsRetryIsNot() throws Exception {
    String ts = slack.nextTs();
    var mention = SlackEvents.mention("C0GENERAL", USER, "over http", ts, null);
    slack.rememberUserMessage(mention);
    String body = SlackEvents.callback(mention).toString();

    HttpResponse<String> first = post(body, signed(body, Instant.now()));
    HttpResponse<String> retry = post(body, signed(body, Instant.now()), "X-Slack-Retry-Num", "1",
        "X-Slack-Retry-Reason", "http_timeout");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(awaitAnswerText("C0GENERAL", ts)).isEqualTo("echo: over http");
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
        .until(() -> groq.completionCalls() == 1 && slack.botMessages("C0GENERAL", ts).size() == 1);
  }

  @Test
  void badStaleAndFutureSignaturesAreRejectedAndNeverHandled() throws Exception {
    String body = SlackEvents.callback(SlackEvents.mention("C0GENERAL", USER, "forged", slack.nextTs(), null)).toString();
    Instant now = Instant.now();
    String[] wrongSecret = {"X-Slack-Request-Timestamp", String.valueOf(now.getEpochSecond()),
        "X-Slack-Signature", "v0=" + new SlackSignatureVerifier("not-the-secret", Clock.systemUTC())
            .sign(String.valueOf(now.getEpochSecond()), body.getBytes(StandardCharsets.UTF_8))};

    assertThat(post(body, wrongSecret).statusCode()).isEqualTo(401);
    assertThat(post(body, signed(body, now.minus(Duration.ofMinutes(6)))).statusCode()).isEqualTo(401);
    assertThat(post(body, signed(body, now.plus(Duration.ofMinutes(6)))).statusCode()).isEqualTo(401);
    assertThat(post(body, new String[0]).statusCode()).isEqualTo(401);
    String[] tampered = signed(body, now);
    assertThat(post(body.replace("forged", "forgeD"), tampered).statusCode()).isEqualTo(401);

    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
        .until(() -> groq.completionCalls() == 0 && slack.botMessages().isEmpty());
  }

  @Test
  void formEncodedSlashCommandAndButtonClickReachTheirHandlers() throws Exception {
    String command = "token=x&team_id=" + FakeSlack.TEAM + "&channel_id=C0GENERAL&user_id=" + USER
        + "&user_name=ada&command=%2Fask&text=reset&trigger_id=1.2.3&response_url=https%3A%2F%2Fhooks.slack.com%2Fx";
    HttpResponse<String> reset = postForm(command);
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(reset.body()).contains("forgotten");

    Sent sent = new Sent(null, slack.nextTs(), null);
    var mention = SlackEvents.mention("C0GENERAL", USER, "rate this", sent.ts(), null);
    slack.rememberUserMessage(mention);
    String mentionBody = SlackEvents.callback(mention).toString();
    post(mentionBody, signed(mentionBody, Instant.now()));
    FakeSlackMessage reply = awaitAnswer("C0GENERAL", sent.ts()).get(0);
    String click = "payload=" + URLEncoder.encode(SlackEvents.buttonClick("C0GENERAL", USER, reply.ts(),
        "parley_feedback_up", reply.buttonValue("parley_feedback_up")).toString(), StandardCharsets.UTF_8);

    assertThat(postForm(click).statusCode()).isEqualTo(200);
    ConversationKey key = new ConversationKey("slack", FakeSlack.TEAM, "C0GENERAL", sent.ts());
    await().atMost(ANSWER_TIMEOUT).until(() -> feedback.list(key).size() == 1 && feedback.list(key).get(0).positive());
  }

  private HttpResponse<String> postForm(String body) throws Exception {
    return client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slack/events"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .headers(signed(body, Instant.now()))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String[] signed(String body, Instant at) {
    String timestamp = String.valueOf(at.getEpochSecond());
    return new String[] {"X-Slack-Request-Timestamp", timestamp,
        "X-Slack-Signature", "v0=" + signer.sign(timestamp, body.getBytes(StandardCharsets.UTF_8))};
  }

  private HttpResponse<String> post(String body, String[] headers, String... more) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slack/events"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
    for (int i = 0; i + 1 < more.length; i += 2) request.header(more[i], more[i + 1]);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
