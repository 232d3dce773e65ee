package dev.parley.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local Groq that speaks the real wire format: {@code POST /openai/v1/chat/completions}
 * answered with server-sent events exactly as Groq sends them (a role chunk with
 * {@code x_groq.id}, content chunks, a final chunk with {@code finish_reason} and the usage twice,
 * then {@code data: [DONE]}), {@code GET /openai/v1/models}, and the multipart upload of
 * {@code POST /openai/v1/audio/transcriptions} ({@link FakeTranscriptions}).
 *
 * <p>Scripted answers are served in order. With nothing scripted it echoes the last user message
 * as {@code echo: <text>}, so process-level tests can run any number of turns.
 *
 * <p>It is as strict as Groq before any scripted answer is served (see {@link GroqRequestRules}):
 * a missing or wrong {@code Authorization: Bearer} key is 401 {@code invalid_api_key}, a body that
 * is not JSON or has a wrong shape is 400, and a model it does not list is 404
 * {@code model_not_found}. Requests with images follow {@link VisionRequestRules} (list the vision
 * models with {@link #withVisionModels()}). Every 4xx it answers on its own is remembered, and {@link #close()}
 * fails the test if one was not declared with {@link #expectError(String)}: a bot that sends a
 * request Groq refuses must not pass because it tolerated the refusal. Scripted error responses
 * ({@link #enqueue}) are the test's own choice and are never counted.
 */
public final class FakeGroq implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockWebServer server = new MockWebServer();
  private final BlockingQueue<MockResponse> scripted = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonNode> requests = new LinkedBlockingQueue<>();
  private final AtomicInteger completionCalls = new AtomicInteger();
  private final Set<Integer> completionConnections = ConcurrentHashMap.newKeySet();
  private volatile String modelsBody = defaultModels();
  private volatile Duration echoChunkDelay = Duration.ZERO;
  private volatile String apiKey = API_KEY;
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final Set<String> expectedErrors = ConcurrentHashMap.newKeySet();
  private final FakeTranscriptions transcriptions = new FakeTranscriptions(this::refuse);

  /** The key the fake accepts by default; {@link TestEngines} uses it. */
  public static final String API_KEY = "gsk_test";

  private FakeGroq() {}

  /** A fake that accepts only {@code Authorization: Bearer} {@link #API_KEY}. */
  public static FakeGroq start() {
    FakeGroq fake = new FakeGroq();
    fake.server.setDispatcher(fake.new Router());
    try {
      fake.server.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake Groq", e);
    }
    return fake;
  }

  /**
   * A fake standing for an OpenAI-compatible server that needs no key (a local Ollama or
   * llama.cpp): it ignores {@code Authorization}, as they do. Parley's deploy module sends such
   * servers a placeholder bearer token when {@code GROQ_API_KEY} is unset.
   */
  public static FakeGroq startKeyless() {
    FakeGroq fake = start();
    fake.apiKey = null;
    return fake;
  }

  /** Accepts {@code key} instead of {@link #API_KEY}. */
  public FakeGroq expectKey(String key) {
    this.apiKey = java.util.Objects.requireNonNull(key, "key");
    return this;
  }

  /**
   * Declares that the test provokes an error on purpose: a 4xx whose {@code error.code} (or, for
   * errors without a code, {@code error.type}) is {@code code} does not fail {@link #close()}.
   */
  public FakeGroq expectError(String code) {
    expectedErrors.add(code);
    return this;
  }

  /** The codes of the 4xx errors the fake answered on its own, in order. */
  public List<String> refusals() {
    return List.copyOf(refusals);
  }

  /** Fails if the fake refused a request with an error the test did not declare. */
  public void assertNoUnexpectedErrors() {
    List<String> unexpected = refusals.stream()
        .filter(r -> !expectedErrors.contains(r.substring(0, r.indexOf(' ')))).toList();
    if (!unexpected.isEmpty()) {
      throw new AssertionError("the fake Groq refused requests the test did not expect: " + unexpected);
    }
  }

  /** The value for {@code GROQ_BASE_URL}, such as {@code http://127.0.0.1:PORT/openai/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/openai/v1";
  }

  public MockWebServer server() {
    return server;
  }

  /** Streams {@code text} in chunks of a few characters, ending with {@code finish_reason: stop}. */
  public FakeGroq enqueueAnswer(String text) {
    return enqueueAnswer(text, 8, Duration.ZERO);
  }

  /** Streams {@code text} in chunks of {@code chunkSize} characters, pausing between chunks. */
  public FakeGroq enqueueAnswer(String text, int chunkSize, Duration delay) {
    scripted.add(sse(answerEvents(text, chunkSize), delay));
    return this;
  }

  /**
   * Scripts a streamed answer whose events the test lets out: before sending event {@code i}
   * (0 is the role chunk, then one per content chunk, then the final chunk) the server calls
   * {@code release} and waits for it. A test can so hold an answer mid-stream, or send each chunk
   * only once the client showed the previous one, without depending on timing.
   */
  public FakeGroq enqueueHeldAnswer(String text, int chunkSize, Release release) {
    List<String> events = answerEvents(text, chunkSize);
    scripted.add(withSseHeaders(new MockResponse.Builder()).body(new HeldEvents(events, release)).build());
    return this;
  }

  /** When the next event of a held answer may go; called on the server's thread. */
  @FunctionalInterface
  public interface Release {
    /** Blocks until event {@code index} may be sent; returns false to end the body there instead. */
    boolean awaitRelease(int index) throws InterruptedException;
  }

  /** Streams one whole tool call, as Groq usually sends it. */
  public FakeGroq enqueueToolCall(String callId, String name, String argumentsJson) {
    scripted.add(sse(toolCallEvents(List.<String[]>of(new String[] {callId, name, argumentsJson})), Duration.ZERO));
    return this;
  }

  /** Enqueues any raw response, such as an error status or a hand-written SSE body. */
  public FakeGroq enqueue(MockResponse response) {
    scripted.add(response);
    return this;
  }

  /** Speech to text ({@code POST /openai/v1/audio/transcriptions}): its scripts, limits and requests. */
  public FakeTranscriptions transcriptions() {
    return transcriptions;
  }

  /** A file uploaded for transcription as {@code fileName} is heard as {@code text}. */
  public FakeGroq transcribes(String fileName, String text) {
    transcriptions.script(fileName, text);
    return this;
  }

  /** Forgets every scripted answer not served yet; later requests get echo answers. */
  public FakeGroq clearScripted() {
    scripted.clear();
    return this;
  }

  /** Every chat-completions request body received and not taken yet, oldest first. */
  public List<JsonNode> drainRequests() {
    List<JsonNode> drained = new ArrayList<>();
    requests.drainTo(drained);
    return drained;
  }

  /** Delays each chunk of echo answers, to make an answer slow. */
  public FakeGroq echoChunkDelay(Duration delay) {
    this.echoChunkDelay = delay;
    return this;
  }

  /**
   * Lists Groq's vision models too ({@link VisionRequestRules#VISION_MODELS}), so that questions
   * with images have a model that takes them. Off by default: the default list is what the model
   * commands' tests expect.
   */
  public FakeGroq withVisionModels() {
    try {
      ObjectNode models = (ObjectNode) JSON.readTree(modelsBody);
      ArrayNode data = (ArrayNode) models.get("data");
      for (String id : new java.util.TreeSet<>(VisionRequestRules.VISION_MODELS)) {
        data.addObject().put("id", id).put("object", "model").put("created", 1743874824).put("owned_by", "Meta")
            .put("active", true).put("context_window", 131072).putNull("public_apps").put("max_completion_tokens", 8192);
      }
      this.modelsBody = models.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  public FakeGroq modelsBody(String json) {
    this.modelsBody = json;
    return this;
  }

  /** The next chat-completions request body received, or null after {@code timeout}. */
  public JsonNode takeRequest(Duration timeout) throws InterruptedException {
    return requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int completionCalls() {
    return completionCalls.get();
  }

  /** How many TCP connections the chat-completions requests so far came on. */
  public int completionConnections() {
    return completionConnections.size();
  }

  /** Stops the server, then fails if the bot received an error it did not expect. */
  @Override
  public void close() {
    server.close();
    assertNoUnexpectedErrors();
  }

  // ---- wire format ----

  /** A full SSE response body made of {@code data:} events and the closing {@code [DONE]}. */
  public static MockResponse sse(List<String> dataEvents, Duration delayBetweenEvents) {
    StringBuilder body = new StringBuilder();
    for (String event : dataEvents) body.append("data: ").append(event).append("\n\n");
    body.append("data: [DONE]\n\n");
    MockResponse.Builder builder = withSseHeaders(new MockResponse.Builder()).body(body.toString());
    if (!delayBetweenEvents.isZero()) {
      // Throttle so each event (about one chunk) arrives on its own.
      int bytesPerPeriod = Math.max(1, body.length() / Math.max(1, dataEvents.size() + 1));
      builder.throttleBody(bytesPerPeriod, delayBetweenEvents.toMillis(), TimeUnit.MILLISECONDS);
    }
    return builder.build();
  }

  private static MockResponse.Builder withSseHeaders(MockResponse.Builder builder) {
    return builder
        .code(200)
        .addHeader("Content-Type", "text/event-stream")
        .addHeader("x-ratelimit-limit-requests", "14400")
        .addHeader("x-ratelimit-limit-tokens", "6000")
        .addHeader("x-ratelimit-remaining-requests", "14399")
        .addHeader("x-ratelimit-remaining-tokens", "5800")
        .addHeader("x-ratelimit-reset-requests", "6s")
        .addHeader("x-ratelimit-reset-tokens", "2m59.56s");
  }

  /** An SSE body written event by event, each one only once its {@link Release} lets it go. */
  private record HeldEvents(List<String> events, Release release) implements mockwebserver3.MockResponseBody {
    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(okio.BufferedSink sink) throws IOException {
      try {
        for (int i = 0; i < events.size(); i++) {
          if (!release.awaitRelease(i)) return;
          sink.writeUtf8("data: " + events.get(i) + "\n\n").flush();
        }
        sink.writeUtf8("data: [DONE]\n\n").flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The {@code data:} payloads of a plain-text answer, as Groq sends them. */
  public static List<String> answerEvents(String text, int chunkSize) {
    List<String> events = new ArrayList<>();
    events.add(chunk(delta(d -> d.put("role", "assistant").put("content", "")), null, true));
    // Groq sends UTF-8, so a chunk never ends inside a surrogate pair.
    for (int i = 0; i < text.length(); ) {
      int end = (int) Math.min(text.length(), (long) i + chunkSize);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
          && Character.isLowSurrogate(text.charAt(end))) {
        end++;
      }
      String piece = text.substring(i, end);
      events.add(chunk(delta(d -> d.put("content", piece)), null, false));
      i = end;
    }
    events.add(finalChunk("stop"));
    return events;
  }

  /** The {@code data:} payloads of a turn that calls tools; each call is {id, name, arguments}. */
  public static List<String> toolCallEvents(List<String[]> calls) {
    List<String> events = new ArrayList<>();
    events.add(chunk(delta(d -> d.put("role", "assistant").putNull("content")), null, true));
    ObjectNode delta = JSON.createObjectNode();
    ArrayNode array = delta.putArray("tool_calls");
    for (int i = 0; i < calls.size(); i++) {
      ObjectNode call = array.addObject();
      call.put("id", calls.get(i)[0]).put("type", "function");
      call.putObject("function").put("name", calls.get(i)[1]).put("arguments", calls.get(i)[2]);
      call.put("index", i);
    }
    events.add(chunk(delta, null, false));
    events.add(finalChunk("tool_calls"));
    return events;
  }

  private static ObjectNode delta(java.util.function.Consumer<ObjectNode> fill) {
    ObjectNode delta = JSON.createObjectNode();
    fill.accept(delta);
    return delta;
  }

  private static String chunk(ObjectNode delta, String finishReason, boolean first) {
    ObjectNode chunk = JSON.createObjectNode();
    chunk.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
        .put("created", 1770770843L).put("model", "llama-3.3-70b-versatile")
        .put("system_fingerprint", "fp_f8b414701e");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0).set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) choice.putNull("finish_reason");
    else choice.put("finish_reason", finishReason);
    if (first) chunk.putObject("x_groq").put("id", "req_fake").put("seed", 689520654);
    return chunk.toString();
  }

  private static String finalChunk(String finishReason) {
    try {
      ObjectNode chunk = (ObjectNode) JSON.readTree(chunk(JSON.createObjectNode(), finishReason, false));
      ObjectNode usage = JSON.createObjectNode()
          .put("queue_time", 0.0415).put("prompt_tokens", 210).put("prompt_time", 0.0104)
          .put("completion_tokens", 15).put("completion_time", 0.0466)
          .put("total_tokens", 225).put("total_time", 0.057);
      chunk.putObject("x_groq").put("id", "req_fake").set("usage", usage);
      chunk.set("usage", usage.deepCopy());
      return chunk.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String defaultModels() {
    return """
        {"object":"list","data":[
          {"id":"llama-3.3-70b-versatile","object":"model","created":1733447754,"owned_by":"Meta",
           "active":true,"context_window":131072,"public_apps":null,"max_completion_tokens":32768},
          {"id":"llama-3.1-8b-instant","object":"model","created":1693721698,"owned_by":"Meta",
           "active":true,"context_window":131072,"public_apps":null,"max_completion_tokens":131072},
          {"id":"openai/gpt-oss-120b","object":"model","created":1754408224,"owned_by":"OpenAI",
           "active":true,"context_window":131072,"public_apps":null,"max_completion_tokens":65536},
          {"id":"groq/compound","object":"model","created":1756949530,"owned_by":"Groq",
           "active":true,"context_window":131072,"public_apps":null,"max_completion_tokens":8192},
          {"id":"groq/compound-mini","object":"model","created":1756949707,"owned_by":"Groq",
           "active":true,"context_window":131072,"public_apps":null,"max_completion_tokens":8192}
        ]}""";
  }

  private Set<String> listedModels() {
    try {
      Set<String> ids = new java.util.HashSet<>();
      JSON.readTree(modelsBody).path("data").forEach(m -> ids.add(m.path("id").asText()));
      return ids;
    } catch (IOException e) {
      return Set.of();
    }
  }

  private MockResponse refuse(GroqRequestRules.Refusal refusal) {
    String code = refusal.code() != null ? refusal.code() : refusal.type();
    refusals.add(code + " (" + refusal.status() + ": " + refusal.message() + ")");
    return new MockResponse.Builder().code(refusal.status()).addHeader("Content-Type", "application/json")
        .body(refusal.body()).build();
  }

  private final class Router extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      MockResponse refused = unauthorized(request);
      if (refused != null) return refused;
      if ("GET".equals(request.getMethod()) && path.endsWith("/openai/v1/models")) {
        return new MockResponse.Builder().code(200)
            .addHeader("Content-Type", "application/json").body(modelsBody).build();
      }
      if ("POST".equals(request.getMethod()) && path.endsWith("/openai/v1/audio/transcriptions")) {
        return transcriptions.dispatch(request);
      }
      if (!"POST".equals(request.getMethod()) || !path.endsWith("/openai/v1/chat/completions")) {
        return new MockResponse.Builder().code(404)
            .body("{\"error\":{\"message\":\"Unknown request URL\",\"type\":\"invalid_request_error\",\"code\":\"unknown_url\"}}")
            .build();
      }
      completionCalls.incrementAndGet();
      completionConnections.add(request.getConnectionIndex());
      JsonNode body;
      try {
        String text = request.getBody() == null ? "" : request.getBody().utf8();
        body = JSON.readTree(text);
        if (body == null || !body.isObject()) throw new IOException("not a JSON object");
      } catch (IOException e) {
        requests.add(JSON.createObjectNode());
        return refuse(GroqRequestRules.Refusal.badRequest(
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP "
                + "library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
            null));
      }
      requests.add(body);
      GroqRequestRules.Refusal refusal = GroqRequestRules.check(body, listedModels());
      if (refusal == null) refusal = VisionRequestRules.check(body, request.getBodySize());
      if (refusal != null) return refuse(refusal);
      MockResponse next = scripted.poll();
      return next != null ? next : sse(answerEvents(echo(body), 6), echoChunkDelay);
    }

    /** A vision request's text parts, joined; its images are left out of the echo. */
    private String textParts(JsonNode content) {
      List<String> texts = new ArrayList<>();
      content.forEach(part -> {
        if ("text".equals(part.path("type").asText())) texts.add(part.path("text").asText());
      });
      return String.join("\n", texts);
    }

    private MockResponse unauthorized(RecordedRequest request) {
      String key = apiKey;
      if (key == null) return null;
      if (("Bearer " + key).equals(request.getHeaders().get("Authorization"))) return null;
      // Groq answers a missing or wrong key with 401 and this OpenAI-style body.
      return refuse(new GroqRequestRules.Refusal(401, "Invalid API Key", "invalid_request_error", "invalid_api_key"));
    }

    private String echo(JsonNode body) {
      JsonNode messages = body.path("messages");
      for (int i = messages.size() - 1; i >= 0; i--) {
        if ("user".equals(messages.get(i).path("role").asText())) {
          JsonNode content = messages.get(i).path("content");
          return "echo: " + (content.isArray() ? textParts(content) : content.asText());
        }
      }
      return "echo: (no user message)";
    }
  }
}
