package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.Message;
import dev.parley.slack.e2e.FakeSlack;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Thread reads through the real Slack client against the fake Slack, with a clock the test moves. */
class SlackThreadReaderTest {
  private static final String CHANNEL = "C0GENERAL";
  private final FakeSlack slack = FakeSlack.start();
  private final AtomicLong now = new AtomicLong();

  @AfterEach
  void close() {
    slack.close();
  }

  private SlackThreadReader reader(SlackThreadReads limits) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.apiUrl());
    MethodsClient methods = Slack.getInstance(config).methods(FakeSlack.BOT_TOKEN);
    return new SlackThreadReader(methods, limits, now::get);
  }

  private String thread(int replies) {
    String root = slack.personSaid(CHANNEL, null, "U0BO", "root");
    for (int i = 1; i <= replies; i++) slack.personSaid(CHANNEL, root, "U0CY", "reply " + i);
    return root;
  }

  private static List<String> texts(List<Message> messages) {
    return messages.stream().map(Message::getText).toList();
  }

  @Test
  void neverCallsMoreOftenThanTheMinutesBudgetAllows() {
    SlackThreadReader reader = reader(SlackThreadReads.NON_MARKETPLACE);
    String first = thread(1);
    String second = thread(1);

    assertThat(reader.replies(CHANNEL, first)).isPresent();
    assertThat(reader.replies(CHANNEL, second)).as("the minute's one call is spent").isEmpty();
    assertThat(slack.calls("conversations.replies")).hasSize(1);

    now.addAndGet(Duration.ofSeconds(61).toNanos());
    assertThat(reader.replies(CHANNEL, second)).as("a minute later").isPresent();
    assertThat(slack.calls("conversations.replies")).hasSize(2)
        .allSatisfy(call -> assertThat(call.param("limit")).isEqualTo("15"));
  }

  @Test
  void aThreadReadOnceIsAnsweredFromMemoryUntilItsWindowEnds() {
    SlackThreadReader reader = reader(SlackThreadReads.TIER_3);
    String root = thread(2);

    reader.replies(CHANNEL, root);
    assertThat(texts(reader.replies(CHANNEL, root).orElseThrow())).containsExactly("root", "reply 1", "reply 2");
    assertThat(slack.calls("conversations.replies")).hasSize(1);

    now.addAndGet(Duration.ofSeconds(61).toNanos());
    reader.replies(CHANNEL, root);
    assertThat(slack.calls("conversations.replies")).hasSize(2);
  }

  @Test
  void aLongThreadIsFollowedPageByPageKeepingTheParentAndTheNewestReplies() {
    SlackThreadReader reader = reader(new SlackThreadReads(5, 50, Duration.ofMinutes(1)));
    String root = thread(12);

    List<Message> read = reader.replies(CHANNEL, root).orElseThrow();

    assertThat(texts(read)).containsExactly("root", "reply 8", "reply 9", "reply 10", "reply 11", "reply 12");
    assertThat(slack.calls("conversations.replies")).hasSize(3)
        .allSatisfy(call -> assertThat(call.param("limit")).isEqualTo("5"));
    assertThat(slack.calls("conversations.replies").get(1).param("cursor")).isNotBlank();
  }

  @Test
  void afterA429NoCallIsMadeUntilItsRetryAfterHasPassed() {
    slack.rateLimit("conversations.replies", 0, Duration.ofSeconds(30));
    SlackThreadReader reader = reader(new SlackThreadReads(15, 50, Duration.ZERO));
    String root = thread(1);

    assertThat(reader.replies(CHANNEL, root)).isEmpty();
    assertThat(reader.replies(CHANNEL, root)).isEmpty();
    assertThat(slack.calls("conversations.replies")).hasSize(1);

    now.addAndGet(Duration.ofSeconds(31).toNanos());
    reader.replies(CHANNEL, root);
    assertThat(slack.calls("conversations.replies")).hasSize(2);
  }

  @Test
  void aMissingScopeOrAnUnknownThreadReadsAsNothing() {
    SlackThreadReader reader = reader(SlackThreadReads.TIER_3);
    slack.expectError("thread_not_found");
    assertThat(reader.replies(CHANNEL, "1767225600.999999")).isEmpty();

    slack.revokeHistoryScope();
    assertThat(reader.replies(CHANNEL, thread(1))).isEmpty();
    assertThat(SlackThreadReader.historyScope("G0PRIVATE")).startsWith("groups:history");
    assertThat(SlackThreadReader.historyScope(CHANNEL)).isEqualTo("channels:history");
  }

  @Test
  void readingCanBeTurnedOff() {
    SlackThreadReader reader = reader(new SlackThreadReads(15, 0, Duration.ofMinutes(1)));

    assertThat(reader.replies(CHANNEL, thread(1))).isEmpty();
    assertThat(slack.calls("conversations.replies")).isEmpty();
  }
}
