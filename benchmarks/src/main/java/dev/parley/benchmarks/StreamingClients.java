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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The clients under comparison, each reading one whole streamed answer and returning its text length. */
enum StreamingClients {
  OPENAI_JAVA("com.openai:openai-java 4.0.0") {
    @Override
    Reader open(String baseUrl) {
      OpenAIClient openai = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("gsk_bench").maxRetries(0).build();
      ChatCompletionCreateParams request = ChatCompletionCreateParams.builder()
          .model("llama-3.3-70b-versatile").addUserMessage("Tell me a story").build();
      return new Reader() {
        @Override
        public int readAnswer() {
          int length = 0;
          try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(request)) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
              for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                length += choice.delta().content().map(String::length).orElse(0);
              }
            }
          }
          return length;
        }

        @Override
        public void close() {
          openai.close();
        }
      };
    }
  },

  PARLEY("Parley GroqChatModel") {
    @Override
    Reader open(String baseUrl) {
      GroqChatModel parley = new GroqChatModel(GroqConfig.defaults("gsk_bench").withBaseUrl(baseUrl));
      ChatRequest request = ChatRequest.builder("llama-3.3-70b-versatile")
          .messages(List.of(ChatMessage.user("Tell me a story"))).build();
      return new Reader() {
        @Override
        public int readAnswer() throws Exception {
          CompletableFuture<Integer> done = new CompletableFuture<>();
          int[] length = {0};
          parley.stream(request, new ChatStreamListener() {
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
          return done.get(5, TimeUnit.MINUTES);
        }

        @Override
        public void close() {
          parley.close();
        }
      };
    }
  };

  /** One client, connected to one server; reads answers one after another on the calling thread's behalf. */
  interface Reader extends AutoCloseable {
    int readAnswer() throws Exception;

    @Override
    void close();
  }

  private final String label;

  StreamingClients(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  abstract Reader open(String baseUrl);
}
