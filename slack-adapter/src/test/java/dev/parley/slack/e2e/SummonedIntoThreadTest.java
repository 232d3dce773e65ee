package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.slack.SlackThreadReads;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parley mentioned deep in a thread it never saw, through Bolt and the real engine against the
 * fake Slack: the thread is read once with {@code conversations.replies} (as an app outside the
 * Marketplace may: 15 messages, once a minute), its people named with {@code users.info}, and
 * quoted in the prompt the fake Groq receives; a thread that cannot be read still gets an answer.
 */
class SummonedIntoThreadTest extends SlackBotTestBase {
  private static final String CHANNEL = "C0GENERAL";

  private String busyThread() {
    slack.addUser("U0BO", "Bo");
    slack.addUser("U0CY", "Cy");
    slack.addUser(USER, "Ada");
    String root = slack.personSaid(CHANNEL, null, "U0BO", "our deploy is failing since 9:00");
    slack.personSaid(CHANNEL, root, "U0CY", "<@U0BO> did you check the logs? <!here>");
    slack.personSaid(CHANNEL, root, "U0BO", "yes: `OOMKilled` &amp; restarts");
    return root;
  }

  private static String quote(JsonNode request) {
    List<String> contents = contents(request);
    assertThat(contents).as("system prompt, quoted thread, question").hasSize(3);
    return contents.get(1);
  }

  @Test
  void aMentionDeepInAThreadIsAnsweredWithTheThreadQuotedByAuthor() throws Exception {
    slack.nonMarketplaceApp();
    threadReads = SlackThreadReads.NON_MARKETPLACE;
    String root = busyThread();
    startBot();

    mention(CHANNEL, "what do you think?", root);

    awaitAnswer(CHANNEL, root);
    JsonNode request = nextGroqRequest();
    assertThat(quote(request)).startsWith("Earlier messages in this thread")
        .contains("Bo, ").contains("> our deploy is failing since 9:00")
        .contains("Cy, ").contains("> @Bo did you check the logs? @here")
        .contains("> yes: `OOMKilled` & restarts")
        .doesNotContain("what do you think?");
    assertThat(contents(request).getLast()).isEqualTo("what do you think?");
    assertThat(slack.calls("conversations.replies")).hasSize(1)
        .allSatisfy(call -> assertThat(call.param("limit")).isEqualTo("15"));
    assertThat(slack.calls("users.info")).as("each person looked up once").hasSize(2);
    assertThat(slack.rejections("conversations.replies")).isEmpty();
  }

  @Test
  void aSecondMentionWithinTheCacheWindowCostsNoSecondCall() throws Exception {
    slack.nonMarketplaceApp();
    threadReads = SlackThreadReads.NON_MARKETPLACE;
    String root = busyThread();
    startBot(socketSettings().withAnswerThreadFollowUps(false), engineBuilder());

    mention(CHANNEL, "what do you think?", root);
    awaitAnswer(CHANNEL, root);
    nextGroqRequest();
    slack.personSaid(CHANNEL, root, "U0CY", "any news?");
    mention(CHANNEL, "and now?", root);

    JsonNode second = nextGroqRequest();
    assertThat(contents(second).getLast()).isEqualTo("and now?");
    assertThat(contents(second).stream().filter(c -> c.contains("our deploy is failing"))).as("quoted once").hasSize(1);
    assertThat(slack.calls("conversations.replies")).hasSize(1);
    assertThat(slack.rejections("conversations.replies")).isEmpty();
  }

  @Test
  void aRateLimitedThreadReadStillGetsAnAnswer() throws Exception {
    slack.rateLimit("conversations.replies", 0, Duration.ofMinutes(1));
    String root = busyThread();
    startBot();

    mention(CHANNEL, "what do you think?", root);

    assertThat(awaitAnswer(CHANNEL, root)).isNotEmpty();
    assertThat(contents(nextGroqRequest())).hasSize(2).last().isEqualTo("what do you think?");
    assertThat(slack.rejections("conversations.replies")).hasSize(1);
  }

  @Test
  void aMissingHistoryScopeStillGetsAnAnswer() throws Exception {
    slack.revokeHistoryScope();
    String root = busyThread();
    startBot();

    mention(CHANNEL, "what do you think?", root);

    assertThat(awaitAnswer(CHANNEL, root)).isNotEmpty();
    assertThat(contents(nextGroqRequest())).hasSize(2).last().isEqualTo("what do you think?");
    assertThat(slack.calls("conversations.replies")).extracting(FakeSlack.ApiCall::error).containsExactly("missing_scope");
  }

  @Test
  void mentionsTheModelRepeatsFromTheQuotedThreadPingNobody() throws Exception {
    String root = busyThread();
    groq.enqueueAnswer("As Cy wrote: @Bo did you check the logs? @here (raw: <@U0BO> <!here>)", 7, Duration.ZERO);
    startBot();

    mention(CHANNEL, "summarise", root);

    String text = awaitAnswerText(CHANNEL, root);
    assertThat(text).startsWith("As Cy wrote:");
    assertThat(slack.calls()).filteredOn(call -> call.method().startsWith("chat."))
        .allSatisfy(call -> assertThat(call.params().values())
            .noneMatch(v -> v.contains("<@U0BO>") || v.contains("<!here>")
                || v.matches("(?s).*(?<![\\w@])@(channel|here|everyone)\\b.*")));
  }

  @Test
  void aMentionThatStartsItsThreadReadsNothing() throws Exception {
    startBot();

    Sent sent = mention(CHANNEL, "hello", null);

    awaitAnswer(CHANNEL, sent.ts());
    assertThat(contents(nextGroqRequest())).hasSize(2);
    assertThat(slack.calls("conversations.replies")).isEmpty();
  }
}
