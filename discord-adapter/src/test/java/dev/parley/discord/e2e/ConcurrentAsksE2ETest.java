package dev.parley.discord.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fifty people run {@code /ask} at once in one channel, through JDA against a fake Discord that
 * limits each interaction's webhook on its own, as Discord does. Each answer streams for about
 * five seconds. No answer may wait behind another's budget.
 */
class ConcurrentAsksE2ETest {
  private static final int PEOPLE = 50;
  /** Echo answers come in chunks of 6 characters: about 35 chunks of a 200-character prompt. */
  private static final Duration CHUNK_DELAY = Duration.ofMillis(140);
  /** Longer than a request takes over loopback, far shorter than any Retry-After (a second or more). */
  private static final Duration IN_FLIGHT = Duration.ofMillis(50);

  private DiscordHarness harness;

  @BeforeEach
  void start() throws InterruptedException {
    harness = DiscordHarness.start();
    harness.groq.echoChunkDelay(CHUNK_DELAY);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void fiftyAsksInOneChannelStreamSideBySideWithinDiscordsLimitsAndComplete() {
    Map<String, String> answers = new LinkedHashMap<>();
    List<ObjectNode> interactions = new ArrayList<>();
    for (int i = 0; i < PEOPLE; i++) {
      String prompt = prompt(i);
      ObjectNode interaction = InteractionPayloads.slashCommand(Snowflakes.now(), "ask",
          InteractionPayloads.Place.guildChannel(), InteractionPayloads.stringOption("prompt", prompt));
      String userId = Long.toString(1500000000000001000L + i);
      ((ObjectNode) interaction.get("member")).set("user", DiscordPayloads.user(userId, "person" + i, false));
      interactions.add(interaction);
      answers.put(interaction.get("token").asText(), "echo: " + prompt);
    }
    interactions.forEach(harness.discord::interact);

    await().atMost(Duration.ofSeconds(90)).until(() -> answers.entrySet().stream().allMatch(answer -> {
      FakeDiscord.Hook hook = harness.discord.hook(answer.getKey());
      return hook.originalId != null
          && answer.getValue().equals(harness.discord.message(hook.originalId).path("content").asText());
    }));

    assertThat(harness.discord.rateLimited()).as("429s from Discord").isZero();
    assertThat(harness.discord.rateLimits().unhonoured()).as("requests sent before a Retry-After passed").isEmpty();
    Map<String, List<RecordedCall>> edits = webhookEditsByToken();
    for (Map.Entry<String, String> answer : answers.entrySet()) {
      List<String> shown = edits.get(answer.getKey()).stream().map(c -> c.body().path("content").asText()).toList();
      assertThat(shown.getLast()).isEqualTo(answer.getValue());
      assertThat(shown).allSatisfy(text -> assertThat(answer.getValue()).startsWith(words(text) ? text : ""));
    }

    // Fairness as order, not time: no one waited behind the others. Under the old shared channel
    // budget, the last person saw their first words only after other answers had ended.
    Instant lastFirstWords = answers.keySet().stream().map(token -> wordEdits(edits.get(token)).getFirst().at())
        .max(Comparator.naturalOrder()).orElseThrow();
    Instant firstFinal = answers.keySet().stream().map(token -> edits.get(token).getLast().at())
        .min(Comparator.naturalOrder()).orElseThrow();
    assertThat(lastFirstWords).as("everyone's first words came before anyone's answer ended").isBefore(firstFinal);
    assertThat(answers.keySet()).allSatisfy(token -> assertThat(wordEdits(edits.get(token)))
        .as("every answer grew in view, not in one final edit").hasSizeGreaterThanOrEqualTo(3));
  }

  /** About 200 characters, different for each person. */
  @Test
  void threadStartsRefusedByTheGlobalLimitWaitItOutAndAllStart() {
    harness.groq.echoChunkDelay(Duration.ZERO);
    // Another client of the bot spent most of the global limit: Discord allows two a second.
    harness.discord.rateLimits().globalLimit(2);
    List<ObjectNode> asks = new ArrayList<>();
    for (int i = 0; i < 6; i++) asks.add(harness.ask("thread " + i, InteractionPayloads.Place.guildChannel()));
    List<String> answerIds = asks.stream().map(ask -> harness.awaitOriginal(ask, "echo: " + ask.path("data")
        .path("options").get(0).path("value").asText())).toList();

    await().atMost(Duration.ofSeconds(30)).until(() -> answerIds.stream().allMatch(id -> harness.discord.thread(id) != null));
    List<RecordedCall> refused = harness.discord.calls().stream().filter(c -> c.status() == 429).toList();
    assertThat(refused).as("the global limit refused some").isNotEmpty();
    // Thread starts released together by the bot's budget (50 a second, where this Discord allows 2)
    // are on the wire together: the ones that arrive just after a 429 were sent before the bot could
    // read it. Every later one must have waited out the Retry-After.
    assertThat(harness.discord.rateLimits().unhonoured()).as("requests sent after a 429 and before its Retry-After")
        .allSatisfy(early -> assertThat(refused).anySatisfy(refusal -> assertThat(
            Duration.between(refusal.at(), early.at()).abs()).isLessThan(IN_FLIGHT)));
    // And each refused thread start was sent again only after its own wait.
    List<RecordedCall> calls = harness.discord.calls();
    for (RecordedCall refusal : refused) {
      calls.stream().filter(c -> c.path().equals(refusal.path()) && c.at().isAfter(refusal.at())).findFirst()
          .ifPresent(retry -> assertThat(Duration.between(refusal.at(), retry.at())).isGreaterThan(IN_FLIGHT));
    }
  }

  private static String prompt(int i) {
    StringBuilder prompt = new StringBuilder("Question " + i + ":");
    while (prompt.length() < 200) prompt.append(" how do budgets stay fair");
    return prompt.toString();
  }

  /** Successful edits of each interaction's messages, in the order Discord received them. */
  private Map<String, List<RecordedCall>> webhookEditsByToken() {
    return harness.discord.calls().stream()
        .filter(c -> c.is("PATCH", "webhooks/\\d+/[^/]+/messages/.+") && c.status() == 200)
        .sorted(Comparator.comparing(RecordedCall::at))
        .collect(Collectors.groupingBy(c -> c.route().get(2)));
  }

  /** The edits that showed words of the answer, not the placeholder. */
  private static List<RecordedCall> wordEdits(List<RecordedCall> edits) {
    return edits.stream().filter(c -> words(c.body().path("content").asText())).toList();
  }

  private static boolean words(String content) {
    return !content.isBlank() && !content.contains("Thinking");
  }
}
