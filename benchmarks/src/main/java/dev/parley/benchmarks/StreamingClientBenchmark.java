package dev.parley.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.parley.core.internal.llm.ChatCompletion;
import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.ChatRequest;
import dev.parley.core.internal.llm.ChatStreamListener;
import dev.parley.core.internal.llm.LlmException;
import dev.parley.core.internal.llm.groq.GroqChatModel;
import dev.parley.core.internal.llm.groq.GroqConfig;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Client-side cost of one streamed answer: Parley's Groq client against the official
 * {@code openai-java} client, both reading the same Groq-format SSE body from a loopback server
 * that answers from memory in one write. What differs is parsing, callback
 * dispatch and per-chunk allocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class StreamingClientBenchmark {

  /** Chunks per answer: a short reply, and a long one of about 6,000 words. */
  @Param({"50", "2000"})
  public int chunks;

  private CannedHttpServer server;
  private GroqChatModel parley;
  private OpenAIClient openai;
  private ChatRequest parleyRequest;
  private ChatCompletionCreateParams openaiRequest;

  @Setup(Level.Trial)
  public void start() throws IOException {
    String body = GroqStreamBody.answer(chunks);
    server = new CannedHttpServer(body);
    String baseUrl = "http://127.0.0.1:" + server.port() + "/openai/v1";
    parley = new GroqChatModel(GroqConfig.defaults("gsk_bench").withBaseUrl(baseUrl));
    openai = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("gsk_bench").maxRetries(0).build();
    parleyRequest = ChatRequest.builder("llama-3.3-70b-versatile").messages(List.of(ChatMessage.user("Tell me a story"))).build();
    openaiRequest = ChatCompletionCreateParams.builder().model("llama-3.3-70b-versatile").addUserMessage("Tell me a story").build();
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    parley.close();
    openai.close();
    server.close();
  }

  @Benchmark
  public int parleyGroqClient() throws Exception {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    int[] length = {0};
    parley.stream(parleyRequest, new ChatStreamListener() {
      @Override
      public void onContent(String delta) {
        length[0] += delta.length();
      }

      @Override
      public void onComplete(ChatCompletion completion) {
        done.complete(length[0]);
      }

      @Override
      public void onError(LlmException error, ChatCompletion partial) {
        done.completeExceptionally(error);
      }
    });
    return done.get(30, TimeUnit.SECONDS);
  }

  @Benchmark
  public int openaiJavaClient() {
    int length = 0;
    try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(openaiRequest)) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
        for (ChatCompletionChunk.Choice choice : chunk.choices()) {
          length += choice.delta().content().map(String::length).orElse(0);
        }
      }
    }
    return length;
  }
}
