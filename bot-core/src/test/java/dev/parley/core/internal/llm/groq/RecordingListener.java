package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.llm.ChatCompletion;
import dev.parley.core.internal.llm.ChatStreamListener;
import dev.parley.core.internal.llm.LlmException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every callback in arrival order, in the manner of OkHttp's {@code EventSourceRecorder}. */
final class RecordingListener implements ChatStreamListener {

  sealed interface Event {}

  record Content(String delta) implements Event {}

  record Reasoning(String delta) implements Event {}

  record Complete(ChatCompletion completion) implements Event {}

  record Error(LlmException error, ChatCompletion partial) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

  @Override
  public void onContent(String delta) {
    events.add(new Content(delta));
  }

  @Override
  public void onReasoning(String delta) {
    events.add(new Reasoning(delta));
  }

  @Override
  public void onComplete(ChatCompletion completion) {
    events.add(new Complete(completion));
  }

  @Override
  public void onError(LlmException error, ChatCompletion partial) {
    events.add(new Error(error, partial));
  }

  Event next() {
    try {
      Event event = events.poll(10, TimeUnit.SECONDS);
      assertThat(event).as("a callback within 10 s").isNotNull();
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  void assertContent(String expected) {
    assertThat(next()).isEqualTo(new Content(expected));
  }

  void assertReasoning(String expected) {
    assertThat(next()).isEqualTo(new Reasoning(expected));
  }

  ChatCompletion awaitComplete() {
    Event event = next();
    assertThat(event).isInstanceOf(Complete.class);
    return ((Complete) event).completion();
  }

  Error awaitError() {
    Event event = next();
    assertThat(event).isInstanceOf(Error.class);
    return (Error) event;
  }

  /** Nothing arrived, nor arrives within {@code grace}: no stray callback after the terminal one. */
  void assertExhausted(Duration grace) throws InterruptedException {
    assertThat(events.poll(grace.toMillis(), TimeUnit.MILLISECONDS)).isNull();
  }

  void assertExhausted() throws InterruptedException {
    assertExhausted(Duration.ofMillis(200));
  }
}
