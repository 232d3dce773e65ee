package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.engine.ConversationEngineBuilder;
import dev.parley.core.internal.tickets.LookupTicketTool;
import dev.parley.core.internal.tools.Tool;
import dev.parley.core.internal.tools.ToolContext;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.testing.FakeGroq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A tool that runs while an answer streams natively shows its progress beside the answer, never
 * in it: the answer stays one native stream from {@code chat.startStream} to {@code chat.stopStream}.
 */
class NativeStreamStatusTest extends SlackBotTestBase {
  private static final String BEFORE = "Let me look that ticket up for you. ";
  private static final String AFTER = "SUP-7 is still open and assigned to the network team.";

  /** Holds the tool call until {@link #seen} says its progress is on screen. */
  private volatile BooleanSupplier seen = () -> true;

  @Override
  protected ConversationEngineBuilder engineBuilder() {
    return super.engineBuilder().tools(new ToolRegistry(List.of(new WaitingLookup())));
  }

  @Test
  void aToolRunningInAnAssistantThreadSetsTheThreadStatusAndTheAnswerStaysOneStream() {
    startBot();
    String threadTs = slack.nextTs();
    slack.socket().awaitAck(slack.socket().sendEvent(
        SlackEvents.callback(SlackEvents.assistantThreadStarted("D0ADA", USER, threadTs)), 0), ACK_DEADLINE);
    seen = () -> slack.calls("assistant.threads.setStatus").stream()
        .anyMatch(c -> "is looking up ticket…".equals(c.param("status")));
    groq.enqueue(FakeGroq.sse(textThenToolCall(BEFORE), Duration.ofMillis(20)));
    groq.enqueueAnswer(AFTER, 6, Duration.ofMillis(20));

    directMessage("D0ADA", "what about SUP-7?", threadTs);

    List<FakeSlackMessage> messages = awaitAnswer("D0ADA", threadTs);
    assertThat(messages).hasSize(1);
    FakeSlackMessage reply = messages.get(0);
    assertThat(reply.streamed()).isTrue();
    assertThat(reply.visibleText()).isEqualTo(BEFORE + AFTER);
    assertThat(slack.calls("chat.startStream")).hasSize(1);
    assertThat(slack.calls("chat.stopStream")).singleElement().satisfies(c -> assertThat(c.param("ts")).isEqualTo(reply.ts()));
    assertThat(slack.calls("chat.appendStream")).isNotEmpty()
        .allSatisfy(c -> assertThat(c.param("markdown_text")).doesNotContain("ticket…"));
    assertThat(slack.calls("chat.update")).isEmpty();
    assertThat(slack.calls("chat.postMessage")).hasSize(1);
    assertThat(slack.deletedMessages()).singleElement().satisfies(control -> assertThat(control.buttons()).containsExactly("parley_stop"));
    List<String> statuses = slack.calls("assistant.threads.setStatus").stream().map(c -> c.param("status")).toList();
    assertThat(statuses).containsSubsequence("is thinking…", "is looking up ticket…", "");
  }

  @Test
  void aToolRunningInAChannelThreadShowsBesideTheStopButtonAndTheAnswerStaysOneStream() {
    startBot();
    seen = () -> slack.botMessages().stream().anyMatch(m -> m.visibleText().equals("_Looking up ticket…_"));
    groq.enqueue(FakeGroq.sse(textThenToolCall(BEFORE), Duration.ofMillis(20)));
    groq.enqueueAnswer(AFTER, 6, Duration.ofMillis(20));

    Sent sent = mention("C0GENERAL", "what about SUP-7?", null);

    List<FakeSlackMessage> messages = awaitAnswer("C0GENERAL", sent.ts());
    assertThat(messages).hasSize(1);
    FakeSlackMessage reply = messages.get(0);
    assertThat(reply.streamed()).isTrue();
    assertThat(reply.visibleText()).isEqualTo(BEFORE + AFTER);
    assertThat(slack.calls("chat.startStream")).hasSize(1);
    assertThat(slack.calls("chat.stopStream")).singleElement().satisfies(c -> assertThat(c.param("ts")).isEqualTo(reply.ts()));
    assertThat(slack.calls("chat.update")).isNotEmpty().noneMatch(c -> c.param("ts").equals(reply.ts()));
    FakeSlackMessage control = slack.deletedMessages().get(0);
    assertThat(slack.deletedMessages()).hasSize(1);
    assertThat(control.buttons()).containsExactly("parley_stop");
    assertThat(slack.calls("chat.update")).allSatisfy(c -> assertThat(c.param("ts")).isEqualTo(control.ts()));
  }

  /** One model round that writes {@code text} and then calls {@code lookup_ticket}. */
  static List<String> textThenToolCall(String text) {
    List<String> events = new ArrayList<>(FakeGroq.answerEvents(text, 6));
    events.remove(events.size() - 1);
    List<String> call = FakeGroq.toolCallEvents(List.<String[]>of(
        new String[] {"call_1", LookupTicketTool.NAME, "{\"id\":\"SUP-7\"}"}));
    events.addAll(call.subList(1, call.size()));
    return events;
  }

  /** A {@code lookup_ticket} that answers only once its progress line is visible. */
  private final class WaitingLookup implements Tool {
    @Override
    public String name() {
      return LookupTicketTool.NAME;
    }

    @Override
    public String description() {
      return "Looks up a ticket.";
    }

    @Override
    public JsonNode parametersSchema() {
      return new ObjectMapper().createObjectNode().put("type", "object");
    }

    @Override
    public String execute(JsonNode arguments, ToolContext context) {
      await().atMost(ANSWER_TIMEOUT).until(() -> seen.getAsBoolean());
      return "{\"id\":\"SUP-7\",\"status\":\"open\"}";
    }
  }
}
