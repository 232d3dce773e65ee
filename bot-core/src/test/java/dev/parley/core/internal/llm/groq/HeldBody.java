package dev.parley.core.internal.llm.groq;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * An SSE body that sends {@code prefix} at once, then holds the connection open until released.
 * Released with a {@code trailer}, it keeps sending that event until the client hangs up, so a
 * test can see the server notice a cancel.
 */
final class HeldBody implements MockResponseBody {
  private static final long PACE_NANOS = Duration.ofMillis(10).toNanos();

  private final String prefix;
  private final String trailer;
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch clientGone = new CountDownLatch(1);

  HeldBody(String prefix, String trailer) {
    this.prefix = prefix;
    this.trailer = trailer;
  }

  void release() {
    release.countDown();
  }

  boolean awaitClientGone(Duration timeout) throws InterruptedException {
    return clientGone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public long getContentLength() {
    return -1;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    try {
      sink.writeUtf8(prefix).flush();
      if (!release.await(20, TimeUnit.SECONDS) || trailer == null) return;
      for (int i = 0; i < 1000; i++) {
        sink.writeUtf8(trailer).flush();
        LockSupport.parkNanos(PACE_NANOS); // a paced server, not a test waiting
      }
    } catch (IOException e) {
      clientGone.countDown();
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
