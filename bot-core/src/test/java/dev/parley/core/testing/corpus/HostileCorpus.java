package dev.parley.core.testing.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.testing.FakeGroq;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;

/**
 * Reads hostile-input corpora (JSON lines on the test classpath) and turns a case's model-side
 * input into what the {@link FakeGroq} serves. {@code corpus/shared.jsonl} (in bot-core's
 * test-jar) holds the cases every platform runs; each adapter adds its own file.
 */
public final class HostileCorpus {
  public static final String SHARED = "corpus/shared.jsonl";
  /** How many rounds of tool calls the spamming model is ready to send; more than any cap. */
  public static final int SPAM_ROUNDS = 25;
  private static final ObjectMapper JSON = new ObjectMapper();

  private HostileCorpus() {}

  /** Every case of the resources, in order; fails on a duplicate id or a malformed line. */
  public static List<CorpusCase> load(String... resources) {
    List<CorpusCase> cases = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String resource : resources) {
      try (InputStream in = HostileCorpus.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) throw new IllegalStateException("no corpus on the classpath: " + resource);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.isBlank()) continue;
          JsonNode json = JSON.readTree(line);
          CorpusCase c = new CorpusCase(json.path("id").asText(null), json.path("class").asText(null),
              json.path("input").path("kind").asText(null), json.path("input"), json.path("expect").asText(null),
              json.path("depends_on").asText(null));
          if (!ids.add(c.id())) throw new IllegalStateException("duplicate corpus id: " + c.id());
          cases.add(c);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cases;
  }

  /** Scripts what the model server answers for the case's first request(s); nothing for user input. */
  public static void scriptModel(FakeGroq groq, CorpusCase c) {
    switch (c.kind()) {
      case "model_output" -> groq.enqueueAnswer(c.text("text"));
      case "sse" -> groq.enqueue(sse(c));
      case "tool_spam" -> {
        for (int round = 0; round < SPAM_ROUNDS; round++) groq.enqueue(FakeGroq.sse(spamRound(c, round), Duration.ZERO));
      }
      default -> { }
    }
  }

  /** Twelve (or {@code calls}) {@code create_ticket} calls in one answer, ignoring any tool_choice. */
  private static List<String> spamRound(CorpusCase c, int round) {
    int calls = c.input().path("calls").asInt(12);
    List<String[]> list = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      String args = JSON.createObjectNode().put("title", "Spam " + round + "-" + i)
          .put("description", "Injected by a web page the model read.").toString();
      list.add(new String[] {"call_" + i, "create_ticket", args});
    }
    return FakeGroq.toolCallEvents(list);
  }

  private static MockResponse sse(CorpusCase c) {
    String generate = c.input().path("generate").asText("");
    MockResponse.Builder builder = new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream");
    return switch (generate) {
      case "endless" -> {
        // A stream that keeps sending content far longer than any turn may last.
        StringBuilder body = new StringBuilder();
        for (String event : FakeGroq.answerEvents("tick ", 5).subList(0, 2)) body.append("data: ").append(event).append("\n\n");
        String tick = FakeGroq.answerEvents("tick ", 5).get(1);
        for (int i = 0; i < 3_000; i++) body.append("data: ").append(tick).append("\n\n");
        int perTick = tick.length() + 8;
        yield builder.body(body.toString()).throttleBody(perTick, 50, TimeUnit.MILLISECONDS).build();
      }
      case "huge_line" -> {
        List<String> events = new ArrayList<>(FakeGroq.answerEvents("Start. ", 16));
        String huge = FakeGroq.answerEvents("x".repeat(c.input().path("bytes").asInt(1_048_576)), Integer.MAX_VALUE)
            .get(1);
        events.add(events.size() - 1, huge);
        StringBuilder body = new StringBuilder();
        for (String event : events) body.append("data: ").append(event).append("\n\n");
        yield builder.body(body.append("data: [DONE]\n\n").toString()).build();
      }
      default -> builder.body(c.text("sse")).build();
    };
  }
}
