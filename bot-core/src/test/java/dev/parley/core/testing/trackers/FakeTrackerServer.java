package dev.parley.core.testing.trackers;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;

/**
 * The plumbing the fake trackers share: a started {@link MockWebServer}, a count of the requests
 * that reached it, a queue of scripted faults served once each after the tracker's own auth check,
 * and a create whose answer is lost. Each fake keeps its own wire format in {@link #route}.
 */
public abstract class FakeTrackerServer implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicBoolean dropNextCreateAnswer = new AtomicBoolean();
  private final ConcurrentLinkedQueue<MockResponse> faults = new ConcurrentLinkedQueue<>();

  /**
   * Starts the server. {@link #route} may run only after the subclass is built: nobody can reach
   * the server before the constructor returns, because nobody knows its port yet.
   */
  protected FakeTrackerServer(String name) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        return route(request);
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake " + name, e);
    }
  }

  /** Answers one request as the tracker would; called on MockWebServer's threads. */
  protected abstract MockResponse route(RecordedRequest request);

  /** Every request that reached the fake, faults included. */
  public int requests() {
    return requests.get();
  }

  /** The next create makes the ticket, then closes the connection before answering. */
  public void dropNextCreateAnswer() {
    dropNextCreateAnswer.set(true);
  }

  protected final HttpUrl url(String path) {
    return server.url(path);
  }

  /** Queues {@code fault} as the answer to a later request that passes the auth check. */
  protected final void addFault(MockResponse fault) {
    faults.add(fault);
  }

  /** The next scripted fault, or null when none is queued. */
  protected final MockResponse nextFault() {
    return faults.poll();
  }

  /** Builds a create's answer, lost on the wire if {@link #dropNextCreateAnswer()} asked for it. */
  protected final MockResponse.Builder answerCreate(MockResponse.Builder created) {
    if (dropNextCreateAnswer.getAndSet(false)) created.onResponseStart(new SocketEffect.CloseSocket(true, true, true));
    return created;
  }

  @Override
  public void close() {
    server.close();
  }
}
