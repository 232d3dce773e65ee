package dev.parley.core.internal.engine;

import dev.parley.core.internal.llm.ChatCompletion;
import dev.parley.core.internal.llm.ChatModel;
import dev.parley.core.internal.llm.ChatRequest;
import dev.parley.core.internal.llm.ChatStreamListener;
import dev.parley.core.internal.llm.LlmException;
import dev.parley.core.internal.llm.StreamHandle;
import dev.parley.core.internal.reply.EditThrottle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * One streamed model call whose text flows into a reply's throttle. The turn's thread blocks in
 * {@link #await()}; the stream's callbacks arrive on OkHttp's thread.
 */
final class ModelRound {

  /**
   * A model call that failed; {@code partial} is what arrived before the failure, and
   * {@code afterContent} whether any of its answer text had reached the reply.
   */
  static final class Failure extends Exception {
    final LlmException error;
    final ChatCompletion partial;
    final boolean afterContent;

    Failure(LlmException error, ChatCompletion partial, boolean afterContent) {
      super(error.getMessage(), error);
      this.error = error;
      this.partial = partial;
      this.afterContent = afterContent;
    }
  }

  private final CompletableFuture<ChatCompletion> result = new CompletableFuture<>();
  private volatile StreamHandle handle;
  private volatile boolean sawContent;

  /** Starts the call. {@code onFirstContent} runs once, when the first answer text arrives. */
  static ModelRound start(ChatModel model, ChatRequest request, EditThrottle throttle, Runnable onFirstContent) {
    ModelRound round = new ModelRound();
    round.handle = model.stream(request, round.listener(throttle::append, onFirstContent));
    return round;
  }

  private ChatStreamListener listener(Consumer<String> sink, Runnable onFirstContent) {
    return new ChatStreamListener() {
      @Override
      public void onContent(String delta) {
        if (!sawContent) {
          sawContent = true;
          onFirstContent.run();
        }
        sink.accept(delta);
      }

      @Override
      public void onComplete(ChatCompletion completion) {
        result.complete(completion);
      }

      @Override
      public void onError(LlmException error, ChatCompletion partial) {
        result.completeExceptionally(new Failure(error, partial, sawContent));
      }
    };
  }

  /** True once any answer text of this call reached the throttle. */
  boolean sawContent() {
    return sawContent;
  }

  /**
   * Waits for the end of the stream.
   *
   * @throws Failure when the model failed
   * @throws CancellationException when {@link #cancel()} was called
   */
  ChatCompletion await() throws Failure, InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw (Failure) e.getCause();
    }
  }

  /** Stops the HTTP call and releases the waiting thread. */
  void cancel() {
    StreamHandle current = handle;
    if (current != null) current.cancel();
    result.cancel(false);
  }
}
