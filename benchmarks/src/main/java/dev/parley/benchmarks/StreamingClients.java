package dev.parley.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

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
  },

  /**
   * The floor of Parley's stack: okhttp-sse and Jackson's token stream, summing the length of every
   * {@code content} string and nothing else. No error handling, no timeouts, no completion.
   */
  STACK_FLOOR("floor: OkHttp + okhttp-sse + Jackson tokens") {
    @Override
    Reader open(String baseUrl) {
      OkHttpClient client = new OkHttpClient();
      EventSource.Factory sources = EventSources.createFactory(client);
      JsonFactory json = new JsonFactory();
      Request request = new Request.Builder().url(baseUrl + "/chat/completions")
          .post(RequestBody.create("{\"model\":\"llama-3.3-70b-versatile\",\"stream\":true,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}", MediaType.get("application/json")))
          .build();
      return new Reader() {
        @Override
        public int readAnswer() throws Exception {
          CompletableFuture<Integer> done = new CompletableFuture<>();
          sources.newEventSource(request, new EventSourceListener() {
            private int length;

            @Override
            public void onEvent(EventSource source, String id, String type, String data) {
              if (data.equals("[DONE]")) {
                done.complete(length);
                return;
              }
              try (JsonParser parser = json.createParser(data)) {
                for (JsonToken token; (token = parser.nextToken()) != null; ) {
                  if (token == JsonToken.FIELD_NAME && parser.currentName().equals("content")
                      && parser.nextToken() == JsonToken.VALUE_STRING) {
                    length += parser.getTextLength();
                  }
                }
              } catch (IOException e) {
                done.completeExceptionally(e);
              }
            }

            @Override
            public void onFailure(EventSource source, Throwable failure, Response response) {
              done.completeExceptionally(failure == null ? new IOException("HTTP " + response.code()) : failure);
            }
          });
          return done.get(5, TimeUnit.MINUTES);
        }

        @Override
        public void close() {
          client.dispatcher().executorService().shutdown();
          client.connectionPool().evictAll();
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
