package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssistantAndCommandTest extends SlackBotTestBase {

  @BeforeEach
  void start() {
    startBot();
  }

  @Test
  void assistantThreadGetsPromptsThinkingStatusAndATitle() throws Exception {
    String threadTs = slack.nextTs();
    String envelope = slack.socket().sendEvent(
        SlackEvents.callback(SlackEvents.assistantThreadStarted("D0ADA", USER, threadTs)), 0);
    slack.socket().awaitAck(envelope, ACK_DEADLINE);
    await().atMost(ANSWER_TIMEOUT).until(() -> !slack.calls("assistant.threads.setSuggestedPrompts").isEmpty());
    var prompts = slack.calls("assistant.threads.setSuggestedPrompts").get(0);
    assertThat(prompts.param("channel_id")).isEqualTo("D0ADA");
    assertThat(prompts.param("thread_ts")).isEqualTo(threadTs);
    assertThat(new ObjectMapper().readTree(prompts.param("prompts"))).hasSizeGreaterThanOrEqualTo(1)
        .allSatisfy(p -> assertThat(p.path("message").asText()).isNotBlank());

    directMessage("D0ADA", "How do I rotate my API key?", threadTs);

    assertThat(awaitAnswerText("D0ADA", threadTs)).isEqualTo("echo: How do I rotate my API key?");
    var status = slack.calls("assistant.threads.setStatus").get(0);
    assertThat(status.param("status")).isEqualTo("is thinking…");
    assertThat(status.param("thread_ts")).isEqualTo(threadTs);
    assertThat(status.at()).isBeforeOrEqualTo(slack.calls("chat.startStream").get(0).at());
    var title = slack.calls("assistant.threads.setTitle");
    assertThat(title).hasSize(1);
    assertThat(title.get(0).param("title")).isEqualTo("How do I rotate my API key?");

    directMessage("D0ADA", "And the old one?", threadTs);
    await().atMost(ANSWER_TIMEOUT).until(() -> slack.calls("assistant.threads.setStatus").size() == 2);
    assertThat(slack.calls("assistant.threads.setTitle")).hasSize(1);
  }

  @Test
  void askCommandAnswersInTheChannel() throws Exception {
    String envelope = slack.socket().sendSlashCommand(SlackEvents.askCommand("C0GENERAL", USER, "what is DNS?"));

    var ack = slack.socket().awaitAck(envelope, ACK_DEADLINE);
    assertThat(Duration.between(slack.socket().sentAt(envelope), ack.at())).isLessThan(ACK_DEADLINE);
    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages().stream()
        .anyMatch(m -> m.buttons().contains("parley_feedback_up")));
    FakeSlackMessage reply = slack.botMessages().get(0);
    assertThat(reply.channel()).isEqualTo("C0GENERAL");
    assertThat(reply.threadTs()).isNull();
    assertThat(reply.visibleText()).isEqualTo("echo: what is DNS?");
  }

  @Test
  void askResetForgetsTheConversation() throws Exception {
    slack.socket().sendSlashCommand(SlackEvents.askCommand("C0GENERAL", USER, "remember the word banana"));
    assertThat(contents(nextGroqRequest())).contains("remember the word banana");
    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages().stream()
        .anyMatch(m -> m.buttons().contains("parley_feedback_up")));

    String reset = slack.socket().sendSlashCommand(SlackEvents.askCommand("C0GENERAL", USER, "reset"));
    assertThat(slack.socket().awaitAck(reset, ACK_DEADLINE).payload().path("text").asText()).contains("forgotten");
    slack.socket().sendSlashCommand(SlackEvents.askCommand("C0GENERAL", USER, "what was the word?"));

    List<String> contents = contents(nextGroqRequest());
    assertThat(contents).contains("what was the word?");
    assertThat(String.join("\n", contents)).doesNotContain("banana");
  }

  @Test
  void askModelShowsAndSwitchesTheModel() throws Exception {
    String show = slack.socket().sendSlashCommand(SlackEvents.askCommand("C0GENERAL", USER, "model"));
    assertThat(slack.socket().awaitAck(show, ACK_DEADLINE).payload().path("text").asText())
        .contains("llama-3.3-70b-versatile", "llama-3.1-8b-instant");

    String change = slack.socket().sendSlashCommand(SlackEvents.askCommand("C0GENERAL", USER, "model llama-3.1-8b-instant"));
    assertThat(slack.socket().awaitAck(change, ACK_DEADLINE).payload().path("text").asText()).contains("Switched");
    String unknown = slack.socket().sendSlashCommand(SlackEvents.askCommand("C0GENERAL", USER, "model gpt-nope"));
    assertThat(slack.socket().awaitAck(unknown, ACK_DEADLINE).payload().path("text").asText()).contains("can't use");
    slack.socket().sendSlashCommand(SlackEvents.askCommand("C0GENERAL", USER, "which model are you?"));

    assertThat(nextGroqRequest().path("model").asText()).isEqualTo("llama-3.1-8b-instant");
  }
}
