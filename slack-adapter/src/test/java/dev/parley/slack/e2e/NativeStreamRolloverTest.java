package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.StreamCheckpoint;
import dev.parley.core.api.StreamCheckpoints;
import dev.parley.slack.NativeStreamLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Slack ends a native stream after about five minutes and refuses text beyond about 12,000
 * characters in one message: an answer that would cross either continues in a new stream message
 * of the same thread, and the messages' texts together are the whole answer. Where the stream
 * stands is kept in the shared checkpoints, so a stream whose instance died is closed by the
 * conversation's next answer.
 */
class NativeStreamRolloverTest extends SlackBotTestBase {
  private static final String CHANNEL = "C0GENERAL";

  @Test
  void anAnswerLongerThanOneStreamMessageContinuesInASecondOne() {
    AtomicInteger saves = countSaves();
    startBot();
    String answer = StreamingFallbackTest.paragraphs(90, 150);
    groq.enqueueAnswer(answer, 400, Duration.ofMillis(5));

    Sent sent = mention(CHANNEL, "write at length", null);

    List<FakeSlackMessage> messages = awaitAnswer(CHANNEL, sent.ts());
    assertThat(messages).hasSize(2).allSatisfy(m -> {
      assertThat(m.streamed()).isTrue();
      assertThat(m.streaming()).isFalse();
      assertThat(m.markdownBytes()).isLessThanOrEqualTo(NativeStreamLimits.SLACK.maxBytes());
    });
    assertThat(joined(messages)).isEqualTo(answer);
    assertThat(slack.calls("chat.startStream")).hasSize(2);
    assertThat(slack.calls("chat.update")).isEmpty();
    assertThat(messages.get(0).buttons()).isEmpty();
    assertThat(slack.deletedMessages()).allSatisfy(c -> assertThat(c.buttons()).containsExactly("parley_stop"));
    // A save per stream message with its control at most (none for one that only ends), not per append.
    assertThat(saves.get()).isBetween(1, messages.size());
  }

  @Test
  void aCodeBlockCutByTheRolloverIsClosedAndReopenedWithItsLanguage() {
    startBot();
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 700; i++) code.append("print(\"line ").append(i).append("\")\n");
    String answer = "Here is the script:\n\n```python\n" + code + "```\n\nRun it once.";
    groq.enqueueAnswer(answer, 400, Duration.ofMillis(5));

    Sent sent = mention(CHANNEL, "write a long script", null);

    List<FakeSlackMessage> messages = awaitAnswer(CHANNEL, sent.ts());
    assertThat(messages).hasSize(2);
    String first = messages.get(0).visibleText();
    String second = messages.get(1).visibleText();
    assertThat(first).endsWith("\n```");
    assertThat(second).startsWith("```python\n");
    assertThat(first.lines().filter(line -> line.startsWith("```")).count()).isEven();
    assertThat(second.lines().filter(line -> line.startsWith("```")).count()).isEven();
    String cut = first.substring(0, first.length() - "\n```".length());
    assertThat(cut + second.substring("```python\n".length())).isEqualTo(answer);
  }

  @Test
  void aStreamMessageSlackFillsUpSoonerStillContinuesInANewOne() {
    slack.streamMaxBytes(2_000);
    slack.expectError("msg_too_long");
    startBot();
    String answer = StreamingFallbackTest.paragraphs(20, 150);
    groq.enqueueAnswer(answer, 100, Duration.ofMillis(5));

    Sent sent = mention(CHANNEL, "write a bit", null);

    List<FakeSlackMessage> messages = awaitAnswer(CHANNEL, sent.ts());
    assertThat(messages).hasSizeGreaterThanOrEqualTo(2).allSatisfy(m -> assertThat(m.streamed()).isTrue());
    assertThat(joined(messages)).isEqualTo(answer);
  }

  @Test
  void anAnswerOutlivingTheStreamLifetimeMovesOnBeforeSlackEndsTheStream() {
    slack.streamLifetime(Duration.ofMillis(1_500));
    streamLimits = new NativeStreamLimits(Duration.ofMillis(700), NativeStreamLimits.SLACK.maxBytes());
    startBot();
    String answer = "Slowly, one word after another, this answer takes longer than one stream may live. ".repeat(3).strip();
    groq.enqueueAnswer(answer, 8, Duration.ofMillis(40));

    Sent sent = mention(CHANNEL, "take your time", null);

    List<FakeSlackMessage> messages = awaitAnswer(CHANNEL, sent.ts());
    assertThat(messages).hasSizeGreaterThanOrEqualTo(2).allSatisfy(m -> assertThat(m.streamed()).isTrue());
    assertThat(joined(messages)).isEqualTo(answer);
    assertThat(slack.calls("chat.update")).isEmpty();
    // The Stop button followed the answer into its new message, to stay under it.
    FakeSlackMessage lastControl = slack.deletedMessages().get(slack.deletedMessages().size() - 1);
    assertThat(slack.deletedMessages()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(Double.parseDouble(lastControl.ts())).isGreaterThan(Double.parseDouble(messages.get(messages.size() - 1).ts()));
  }

  @Test
  void aStreamSlackEndedOnItsOwnContinuesInANewMessage() {
    // When Slack ends the last message before its feedback buttons, they come by chat.update.
    slack.streamLifetime(Duration.ofMillis(700));
    slack.expectError("message_not_in_streaming_state");
    startBot();
    String answer = "Slowly, one word after another, this answer takes longer than one stream may live. ".repeat(3).strip();
    groq.enqueueAnswer(answer, 8, Duration.ofMillis(40));

    Sent sent = mention(CHANNEL, "take your time", null);

    List<FakeSlackMessage> messages = awaitAnswer(CHANNEL, sent.ts());
    assertThat(messages).hasSizeGreaterThanOrEqualTo(2).allSatisfy(m -> assertThat(m.streamed()).isTrue());
    assertThat(joined(messages)).isEqualTo(answer);
  }

  @Test
  void theStreamIsCheckpointedWithItsStopControlOnceAndForgottenAtTheEnd() {
    startBot();
    String answer = "word ".repeat(120).strip();
    groq.enqueueAnswer(answer, 6, Duration.ofMillis(30));

    Sent sent = mention(CHANNEL, "talk a while", null);
    ConversationKey key = new ConversationKey("slack", FakeSlack.TEAM, CHANNEL, sent.ts());

    await().atMost(ANSWER_TIMEOUT).until(() -> checkpoints.load(key).map(StreamCheckpoint::streamed).orElse(0) > 0
        && checkpoints.load(key).get().controlMessageId() != null);
    StreamCheckpoint during = checkpoints.load(key).orElseThrow();
    FakeSlackMessage stream = slack.botMessages(CHANNEL, sent.ts()).get(0);
    assertThat(during.messageId()).isEqualTo(stream.ts());
    assertThat(during.channel()).isEqualTo(CHANNEL);
    assertThat(during.offset()).isZero();
    assertThat(answer).startsWith(stream.visibleText().substring(0, Math.min(stream.visibleText().length(), during.streamed())));
    // Appends do not move the checkpoint: only a new message or a new control would.
    await().atMost(ANSWER_TIMEOUT).until(() -> stream.visibleText().length() > during.streamed() + 60);
    assertThat(checkpoints.load(key)).contains(during);
    awaitAnswer(CHANNEL, sent.ts());
    await().atMost(ANSWER_TIMEOUT).until(() -> checkpoints.load(key).isEmpty());
  }

  @Test
  void aStreamLeftOpenByADeadInstanceIsClosedWithANoticeByTheNextAnswer() {
    String threadTs = slack.nextTs();
    slack.rememberUserMessage(SlackEvents.channelMessage(CHANNEL, USER, "first question", threadTs, null));
    List<FakeSlackMessage> left = slack.abandonedStream(CHANNEL, threadTs, "Half of an answ", true);
    ConversationKey key = new ConversationKey("slack", FakeSlack.TEAM, CHANNEL, threadTs);
    checkpoints.save(key, new StreamCheckpoint(CHANNEL, left.get(0).ts(), 0, 15, left.get(1).ts(), Instant.now()));
    startBot();

    mention(CHANNEL, "are you still there?", threadTs);

    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages(CHANNEL, threadTs).size() == 2
        && slack.botMessages(CHANNEL, threadTs).get(1).buttons().contains("parley_feedback_up"));
    FakeSlackMessage orphan = left.get(0);
    // Closed when the new answer ends, by which time an answer still finishing would be over.
    await().atMost(ANSWER_TIMEOUT).until(() -> !orphan.streaming() && slack.deletedMessages().contains(left.get(1)));
    assertThat(orphan.visibleText()).isEqualTo("Half of an answ\n\n_This answer was cut off: Parley restarted while writing it._");
    assertThat(slack.botMessages(CHANNEL, threadTs).get(1).visibleText()).isEqualTo("echo: are you still there?");
    await().atMost(ANSWER_TIMEOUT).until(() -> checkpoints.load(key).isEmpty());
  }

  @Test
  void aStreamLeftOpenIsFoundByTheFirstSaveOfALongAnswerAndClosedWhenItEnds() {
    String threadTs = slack.nextTs();
    slack.rememberUserMessage(SlackEvents.channelMessage(CHANNEL, USER, "first question", threadTs, null));
    List<FakeSlackMessage> left = slack.abandonedStream(CHANNEL, threadTs, "Half of an answ", true);
    ConversationKey key = new ConversationKey("slack", FakeSlack.TEAM, CHANNEL, threadTs);
    checkpoints.save(key, new StreamCheckpoint(CHANNEL, left.get(0).ts(), 0, 15, left.get(1).ts(), Instant.now()));
    startBot();
    String answer = "word ".repeat(120).strip();
    groq.enqueueAnswer(answer, 6, Duration.ofMillis(30));

    mention(CHANNEL, "are you still there?", threadTs);

    // The new answer's own checkpoint replaced the orphan's, which it keeps in hand until it ends.
    await().atMost(ANSWER_TIMEOUT).until(() -> checkpoints.load(key)
        .filter(c -> !c.messageId().equals(left.get(0).ts())).isPresent());
    List<FakeSlackMessage> messages = awaitAnswer(CHANNEL, threadTs);
    assertThat(messages.get(messages.size() - 1).visibleText()).isEqualTo(answer);
    await().atMost(ANSWER_TIMEOUT).until(() -> !left.get(0).streaming() && slack.deletedMessages().contains(left.get(1)));
    assertThat(left.get(0).visibleText()).isEqualTo("Half of an answ\n\n_This answer was cut off: Parley restarted while writing it._");
    await().atMost(ANSWER_TIMEOUT).until(() -> checkpoints.load(key).isEmpty());
    assertThat(slack.calls("chat.stopStream")).filteredOn(c -> left.get(0).ts().equals(c.param("ts"))).hasSize(1);
  }

  @Test
  void aRefusalThatNeverHeldTheTurnLeavesTheConversationsStreamAlone() {
    String threadTs = slack.nextTs();
    slack.rememberUserMessage(SlackEvents.channelMessage(CHANNEL, USER, "first question", threadTs, null));
    FakeSlackMessage streaming = slack.abandonedStream(CHANNEL, threadTs, "Still writing", false).get(0);
    ConversationKey key = new ConversationKey("slack", FakeSlack.TEAM, CHANNEL, threadTs);
    StreamCheckpoint live = new StreamCheckpoint(CHANNEL, streaming.ts(), 0, 13, null, Instant.now());
    checkpoints.save(key, live);
    startBot(socketSettings(), engineBuilder().maxMessageChars(20));

    mention(CHANNEL, "this question is far longer than twenty characters", threadTs);

    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages(CHANNEL, threadTs).size() == 2
        && !slack.botMessages(CHANNEL, threadTs).get(1).streaming());
    assertThat(slack.botMessages(CHANNEL, threadTs).get(1).visibleText()).contains("characters long");
    assertThat(streaming.streaming()).isTrue();
    assertThat(streaming.visibleText()).isEqualTo("Still writing");
    assertThat(checkpoints.load(key)).contains(live);
  }

  /** Counts the saves of the checkpoints the bot is given. */
  private AtomicInteger countSaves() {
    AtomicInteger saves = new AtomicInteger();
    StreamCheckpoints store = checkpoints;
    checkpoints = new StreamCheckpoints() {
      @Override
      public Optional<StreamCheckpoint> save(ConversationKey key, StreamCheckpoint checkpoint) {
        saves.incrementAndGet();
        return store.save(key, checkpoint);
      }

      @Override
      public Optional<StreamCheckpoint> load(ConversationKey key) {
        return store.load(key);
      }

      @Override
      public void clear(ConversationKey key, String messageId) {
        store.clear(key, messageId);
      }
    };
    return saves;
  }

  private static String joined(List<FakeSlackMessage> messages) {
    return messages.stream().map(FakeSlackMessage::visibleText).collect(Collectors.joining());
  }
}
