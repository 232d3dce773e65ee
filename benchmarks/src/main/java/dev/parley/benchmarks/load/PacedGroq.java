package dev.parley.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.benchmarks.GroqStreamBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Groq that streams at a model's pace: {@code POST /openai/v1/chat/completions} answers with
 * Groq's exact chunks ({@link GroqStreamBody}), the first token after {@code firstToken} and then
 * {@code tokensPerSecond} tokens per second, one content chunk per token, as Groq sends them.
 *
 * <p>It is the JDK's {@link HttpServer}, whose handler parks a virtual thread per stream while one
 * ticker thread writes them all ({@link #tick}); MockWebServer's throttled bodies would need a
 * platform thread each. Every {@link #TICK} the ticker writes each stream's tokens that fell due in
 * one write: at 100 tokens per second that is two chunks per write, as TCP would coalesce them
 * anyway, and it halves the writes on a 2-core machine.
 *
 * <p>A question carrying {@code q<number>} is one of the benchmark's conversations: its answer is
 * {@code a<number> w1 w2 …} (plain words, which no platform escapes) and the time each token
 * was written is kept for {@link #sent}. Other requests get the same answer without a record.
 */
final class PacedGroq implements AutoCloseable {
  static final Duration TICK = Duration.ofMillis(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TAG = Pattern.compile("\\bq(\\d+)\\b");
  private static final String MODELS = """
      {"object":"list","data":[
        {"id":"llama-3.3-70b-versatile","object":"model","created":1733447754,"owned_by":"Meta",
         "active":true,"context_window":131072,"public_apps":null,"max_completion_tokens":32768},
        {"id":"llama-3.1-8b-instant","object":"model","created":1693721698,"owned_by":"Meta",
         "active":true,"context_window":131072,"public_apps":null,"max_completion_tokens":131072}]}""";

  /** One conversation's answer as sent: the text of each token and the wall-clock milli it was written. */
  record Sent(String[] tokens, long[] at) {
    String text() {
      return String.join("", tokens);
    }
  }

  static {
    // The JDK server's defaults, read once when its first server starts, are not Groq's. It keeps
    // at most 200 idle connections and closes the rest, so at N = 1,000 the bot found 800 of its
    // pooled connections dead after every round and opened new ones, with their JIT work, inside
    // the measured window; Groq keeps a client's connections. And without TCP_NODELAY a token
    // written while the previous one is unacknowledged waits, so a token's send time would not be
    // when the bot could read it.
    System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final int tokens;
  private final Duration firstToken;
  private final long nanosPerToken;
  private final Map<Integer, Sent> sent = new ConcurrentHashMap<>();
  private final AtomicInteger streams = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final Queue<Stream> live = new ConcurrentLinkedQueue<>();
  private final Thread ticker;

  PacedGroq(int tokens, int tokensPerSecond, Duration firstToken) throws IOException {
    this.tokens = tokens;
    this.firstToken = firstToken;
    this.nanosPerToken = 1_000_000_000L / tokensPerSecond;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 2048);
    server.setExecutor(executor);
    server.createContext("/openai/v1/chat/completions", this::complete);
    server.createContext("/openai/v1/models", exchange -> respond(exchange, 200, MODELS));
    server.start();
    ticker = Thread.ofPlatform().name("paced-groq-ticker").daemon(true).start(this::tick);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/openai/v1";
  }

  /** The answer streamed to conversation {@code id}, or null before its request came. */
  Sent sent(int id) {
    return sent.get(id);
  }

  /** Forgets the answers sent so far (a finished warm-up round's), which nothing reads again. */
  void forgetAnswers() {
    sent.clear();
  }

  /** Streams started, benchmark conversations and others. */
  int streams() {
    return streams.get();
  }

  /** Streams that ended with a write error (the bot hung up). */
  int failures() {
    return failures.get();
  }

  static String token(int id, int index) {
    return index == 0 ? "a" + id : " w" + index;
  }

  private void complete(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request;
      try (InputStream body = exchange.getRequestBody()) {
        request = JSON.readTree(body);
      }
      if (!"POST".equals(exchange.getRequestMethod()) || !request.path("stream").asBoolean()) {
        respond(exchange, 400, "{\"error\":{\"message\":\"the benchmark's Groq streams only\","
            + "\"type\":\"invalid_request_error\",\"code\":\"stream_required\"}}");
        return;
      }
      streams.incrementAndGet();
      Matcher tag = TAG.matcher(lastUserText(request));
      int id = tag.find() ? Integer.parseInt(tag.group(1)) : -1;
      stream(exchange, id);
    } catch (IOException e) {
      failures.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Hands the exchange to the ticker and waits until its answer was written (or the bot hung up).
   * The handler's virtual thread only parks here; the ticker does the writing.
   */
  private void stream(HttpExchange exchange, int id) throws IOException, InterruptedException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().add("x-ratelimit-remaining-requests", "14399");
    exchange.sendResponseHeaders(200, 0);
    Stream stream = new Stream(id, exchange.getResponseBody(), System.nanoTime() + firstToken.toNanos());
    live.add(stream);
    stream.done.await();
    if (stream.failed) throw new IOException("the bot hung up");
  }

  /** One answer being written: its socket, its schedule, and what was written when. */
  private final class Stream {
    final int id;
    final OutputStream out;
    final long start;
    final String[] texts = new String[tokens];
    final long[] at = new long[tokens];
    final CountDownLatch done = new CountDownLatch(1);
    final StringBuilder due = new StringBuilder(GroqStreamBody.roleEvent());
    int next;
    volatile boolean failed;

    Stream(int id, OutputStream out, long start) {
      this.id = id;
      this.out = out;
      this.start = start;
    }

    /** Writes the tokens due at {@code now} in one write; true once the answer is complete. */
    boolean writeDue(long now) throws IOException {
      int first = next;
      while (next < tokens && start + next * nanosPerToken <= now) {
        texts[next] = token(id, next);
        due.append(GroqStreamBody.contentEvent(texts[next]));
        next++;
      }
      if (next == first) return false;
      if (next == tokens) due.append(GroqStreamBody.finalEvent(tokens)).append(GroqStreamBody.DONE);
      out.write(due.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      long written = System.currentTimeMillis();
      for (int i = first; i < next; i++) at[i] = written;
      due.setLength(0);
      if (next < tokens) return false;
      if (id >= 0) sent.put(id, new Sent(texts, at));
      return true;
    }
  }

  /**
   * Every {@link #TICK}, writes each live stream's due tokens. One platform thread for all the
   * streams: a virtual thread per stream sleeping a tick at a time cost 50,000 timer wake-ups a
   * second at 1,000 streams, a third of this process's CPU, on the two cores the bot needs. A
   * write does not block: a whole answer (about 45 KB) fits in the loopback socket's buffers.
   */
  private void tick() {
    while (!Thread.currentThread().isInterrupted()) {
      long now = System.nanoTime();
      for (Iterator<Stream> it = live.iterator(); it.hasNext(); ) {
        Stream stream = it.next();
        boolean finished;
        try {
          finished = stream.writeDue(now);
        } catch (IOException e) {
          stream.failed = true;
          finished = true;
        }
        if (finished) {
          it.remove();
          stream.done.countDown();
        }
      }
      LockSupport.parkNanos(TICK.toNanos() - (System.nanoTime() - now) % TICK.toNanos());
    }
  }

  private static String lastUserText(JsonNode request) {
    String text = "";
    for (JsonNode message : request.path("messages")) {
      if (!message.path("role").asText().equals("user")) continue;
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        text = content.asText();
      } else {
        StringBuilder parts = new StringBuilder();
        for (JsonNode part : content) parts.append(part.path("text").asText("")).append(' ');
        text = parts.toString();
      }
    }
    return text;
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ticker.interrupt();
    executor.shutdownNow();
  }
}
