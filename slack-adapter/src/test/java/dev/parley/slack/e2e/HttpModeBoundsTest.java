package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.slack.SlackAdapter;
import dev.parley.slack.SlackSettings;
import dev.parley.slack.SlackSignatureVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Events endpoint bounds a request body before reading it, over real sockets. */
class HttpModeBoundsTest extends SlackBotTestBase {
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private final SlackSignatureVerifier signer = new SlackSignatureVerifier(SECRET, Clock.systemUTC());
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
  void aDeclaredLengthOverTheCapIs413BeforeAnyOfTheBodyIsSent() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + (SlackAdapter.MAX_EVENT_BODY + 1) + "\r\n" + signature("{}") + "\r\n");

      assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    }
  }

  @Test
  void aChunkedBodyOverTheCapIs413() throws IOException {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'a');
    try (Socket socket = connect()) {
      send(socket, "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n" + signature("{}") + "\r\n");
      // The server answers once it has the cap and one byte more, and may close while we still write.
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          OutputStream out = socket.getOutputStream();
          for (int sent = 0; sent <= SlackAdapter.MAX_EVENT_BODY; sent += chunk.length) {
            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException e) {
          // Closed by the server after its 413.
        }
      });

      assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
      writer.interrupt();
    }
  }

  @Test
  void aChunkedBodyOneByteOverTheCapIs413EvenIfTheClientThenStalls() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n" + signature("{}") + "\r\n"
          + Integer.toHexString(SlackAdapter.MAX_EVENT_BODY + 1) + "\r\n" + "a".repeat(SlackAdapter.MAX_EVENT_BODY + 1)
          + "\r\n");

      assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    }
  }

  @Test
  void aSmallChunkedRequestIsStillAnswered() throws IOException {
    String body = "{\"token\":\"t\",\"challenge\":\"c-123\",\"type\":\"url_verification\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = connect()) {
      send(socket, "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n" + signature(body) + "\r\n"
          + Integer.toHexString(bytes.length) + "\r\n" + body + "\r\n0\r\n\r\n");

      assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.getAddress().getPort());
    socket.setSoTimeout(30_000);
    return socket;
  }

  private String signature(String body) {
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    return "X-Slack-Request-Timestamp: " + timestamp + "\r\nX-Slack-Signature: v0="
        + signer.sign(timestamp, body.getBytes(StandardCharsets.UTF_8)) + "\r\n";
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  private static String statusLine(Socket socket) throws IOException {
    return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
  }
}
