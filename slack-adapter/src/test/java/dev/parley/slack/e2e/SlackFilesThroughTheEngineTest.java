package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.internal.engine.ConversationEngineBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files shared in Slack, all the way: the real Bolt app and Slack SDK against the fake Slack's
 * file endpoints, and the real engine reading them against the fake Groq, which receives exactly
 * what Groq would.
 */
class SlackFilesThroughTheEngineTest extends SlackBotTestBase {

  @BeforeEach
  void start() {
    groq.withVisionModels();
    startBot(socketSettings(), engineBuilder());
  }

  @Test
  void aMentionWithOnlyAnImageSendsItToTheVisionModelAsADataUrl() throws Exception {
    byte[] png = SlackFilesTest.png();
    FakeSlackFile shot = slack.shareFile("screenshot.png", "image/png", png);
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.mention("C0GENERAL", USER, "", ts, null), shot.json()), ts, 0);

    JsonNode request = nextGroqRequest();
    assertThat(request.path("model").asText()).isEqualTo(ConversationEngineBuilder.DEFAULT_VISION_MODEL);
    JsonNode content = lastUserContent(request);
    assertThat(content.isArray()).isTrue();
    assertThat(content.findValuesAsText("url")).containsExactly("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
    assertThat(awaitAnswerText("C0GENERAL", ts)).contains("[image: screenshot.png]");
  }

  @Test
  void aTextFileInAThreadGoesIntoThePrompt() throws Exception {
    byte[] log = "12:00:01 ERROR connection refused: redis:6379\n".getBytes(StandardCharsets.UTF_8);
    FakeSlackFile file = slack.shareFile("deploy.log", "text/plain", log);
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.mention("C0GENERAL", USER, "why did it fail?", ts, null), file.json()),
        ts, 0);

    String prompt = lastUserContent(nextGroqRequest()).asText();
    assertThat(prompt).startsWith("why did it fail?").contains("--- begin file: deploy.log ---",
        "ERROR connection refused: redis:6379");
    awaitAnswer("C0GENERAL", ts);
  }

  @Test
  void aFileThatCannotBeDownloadedGetsANoticeAndTheBotGoesOn() throws Exception {
    slack.expectError("file_not_found");
    FakeSlackFile gone = slack.shareFile("gone.png", "image/png", SlackFilesTest.png());
    gone.delete();
    String ts = slack.nextTs();

    deliver(SlackEvents.withFiles(SlackEvents.mention("C0GENERAL", USER, "", ts, null), gone.json()), ts, 0);

    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages("C0GENERAL", ts).stream()
        .anyMatch(m -> m.visibleText().contains("Parley could not download gone.png: it was deleted, or Parley cannot see it (HTTP 404)")));
    assertThat(groq.completionCalls()).isZero();
    Sent next = mention("C0GENERAL", "still there?", null);
    assertThat(awaitAnswerText("C0GENERAL", next.ts())).isEqualTo("echo: still there?");
  }

  private static JsonNode lastUserContent(JsonNode request) {
    JsonNode messages = request.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).path("role").asText().equals("user")) return messages.get(i).path("content");
    }
    throw new AssertionError("no user message in " + request);
  }
}
