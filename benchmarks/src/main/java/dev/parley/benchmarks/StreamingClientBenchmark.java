package dev.parley.benchmarks;

import java.io.IOException;
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
 * Wall time of one streamed answer: Parley's Groq client against the official {@code openai-java}
 * client, both reading the same Groq-format SSE body from a loopback server that answers from
 * memory in one write. For CPU and allocation per chunk, see {@link ClientCost}.
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
  private StreamingClients.Reader parley;
  private StreamingClients.Reader openai;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = new CannedHttpServer(GroqStreamBody.answer(chunks));
    String baseUrl = "http://127.0.0.1:" + server.port() + "/openai/v1";
    parley = StreamingClients.PARLEY.open(baseUrl);
    openai = StreamingClients.OPENAI_JAVA.open(baseUrl);
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    parley.close();
    openai.close();
    server.close();
  }

  @Benchmark
  public int parleyGroqClient() throws Exception {
    return parley.readAnswer();
  }

  @Benchmark
  public int openaiJavaClient() throws Exception {
    return openai.readAnswer();
  }
}
