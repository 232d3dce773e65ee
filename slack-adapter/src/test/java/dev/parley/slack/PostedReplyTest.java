package dev.parley.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.parley.core.api.ConversationKey;
import dev.parley.slack.e2e.FakeSlack;
import dev.parley.slack.e2e.FakeSlackMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The posted reply through the real Slack SDK against the fake Slack: create, update, delete, resume. */
class PostedReplyTest {
  private static final String CHANNEL = "D0POSTED";

  private final FakeSlack slack = FakeSlack.start();
  private final PostedReply reply = new PostedReply(methods(), new ReplyTarget(
      new ConversationKey("slack", FakeSlack.TEAM, CHANNEL, "root"), CHANNEL, null, "U0ADA", FakeSlack.TEAM),
      new StopButtons(FakeSlack.BOT_TOKEN));

  @AfterEach
  void close() {
    try {
      slack.assertNoUnexpectedErrors();
    } finally {
      slack.close();
    }
  }

  @Test
  void aLongReplyTakesSeveralMessagesAndStopSitsUnderTheLastOnly() {
    reply.render(paragraphs(3, 3_000), ReplyBlocks.Buttons.STOP);

    List<FakeSlackMessage> messages = slack.botMessages();
    assertThat(messages).hasSize(3);
    assertThat(messages.subList(0, 2)).allSatisfy(m -> assertThat(m.buttons()).isEmpty());
    assertThat(messages.getLast().buttons()).containsExactly(ReplyBlocks.STOP);
  }

  @Test
  void aReplyThatShrankDeletesItsExtraMessagesSoNoStopButtonStays() {
    reply.render(paragraphs(3, 3_000), ReplyBlocks.Buttons.STOP);

    reply.render("Short after all.", ReplyBlocks.Buttons.FEEDBACK);

    assertThat(slack.calls("chat.delete")).hasSize(2).allSatisfy(c -> assertThat(c.ok()).isTrue());
    assertThat(slack.botMessages()).singleElement().satisfies(m -> {
      assertThat(m.visibleText()).isEqualTo("Short after all.");
      assertThat(m.buttons()).containsExactly(ReplyBlocks.FEEDBACK_UP, ReplyBlocks.FEEDBACK_DOWN);
    });
    assertThat(reply.timestamps()).containsExactly(slack.botMessages().getFirst().ts());
  }

  @Test
  void aRenderCutShortByA429SendsOnlyWhatIsMissingNextTime() {
    reply.render("First words.", ReplyBlocks.Buttons.STOP);
    slack.rateLimit("chat.postMessage", 0, Duration.ofMinutes(1));
    String longer = paragraphs(2, 3_000);

    assertThatThrownBy(() -> reply.render(longer, ReplyBlocks.Buttons.STOP))
        .isInstanceOfSatisfying(SlackCallException.class, e -> assertThat(e.rateLimited()).isTrue());
    slack.rateLimit("chat.postMessage", 100, Duration.ofMinutes(1));
    int updatesBefore = slack.calls("chat.update").size();
    reply.render(longer, ReplyBlocks.Buttons.STOP);

    assertThat(slack.calls("chat.update")).as("the first message was already up to date").hasSize(updatesBefore);
    assertThat(slack.botMessages()).hasSize(2);
    assertThat(slack.botMessages().getLast().buttons()).containsExactly(ReplyBlocks.STOP);
  }

  private com.slack.api.methods.MethodsClient methods() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.apiUrl());
    return Slack.getInstance(config).methods(FakeSlack.BOT_TOKEN);
  }

  /** {@code count} paragraphs of about {@code length} characters each, plain words only. */
  private static String paragraphs(int count, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) out.append("\n\n");
      out.append(("Paragraph " + i + " says something plain. ").repeat(length / 30 + 1), 0, length);
    }
    return out.toString();
  }
}
