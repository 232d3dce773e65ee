package dev.parley.deploy;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

/**
 * What a request must fit before its handler runs: a free place among the server's concurrent
 * requests (else 503 at once, so a flood queues nowhere), and a body no larger than the
 * endpoint's cap. A declared {@code Content-Length} over the cap gets 413 without a byte of the
 * body read; a chunked body is read up to one byte past the cap, and either handed on from memory
 * or answered with 413. Slow clients are the server's concern: {@link OpsServer} sets the JDK
 * server's request and response deadlines, which close a stalled connection.
 */
final class RequestBounds extends Filter {
  private final Semaphore places;
  private final long maxBody;

  /**
   * @param places the server's concurrent requests, shared by its endpoints; null for none (the
   *     liveness probe, which must answer while the process lives, however busy it is)
   * @param maxBody the largest request body this endpoint accepts, in bytes
   */
  RequestBounds(Semaphore places, long maxBody) {
    if (maxBody < 0 || maxBody >= Integer.MAX_VALUE) throw new IllegalArgumentException("maxBody out of range");
    this.places = places;
    this.maxBody = maxBody;
  }

  @Override
  public String description() {
    return "concurrency and body-size bounds";
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    if (places != null && !places.tryAcquire()) {
      refuse(exchange, 503, "busy, try again shortly");
      return;
    }
    boolean refused = false;
    try {
      String problem = bodyProblem(exchange);
      if (problem != null) {
        // Answered before the place is released, closed after: closing drains what the client sends.
        respond(exchange, problem.startsWith("malformed") ? 400 : 413, problem);
        refused = true;
      } else {
        chain.doFilter(exchange);
      }
    } finally {
      if (places != null) places.release();
    }
    if (refused) exchange.close();
  }

  /** Null when the body fits; otherwise what is wrong. May replace a chunked body by its bytes. */
  private String bodyProblem(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        return "malformed Content-Length";
      }
      return length > maxBody ? "request body over " + maxBody + " bytes" : null;
    }
    if (exchange.getRequestHeaders().getFirst("Transfer-Encoding") == null) return null;
    byte[] body = readAtMost(exchange.getRequestBody(), (int) maxBody + 1);
    if (body.length > maxBody) return "request body over " + maxBody + " bytes";
    exchange.setStreams(new ByteArrayInputStream(body), null);
    return null;
  }

  /**
   * Up to {@code limit} bytes, or fewer at the end of the stream. Not {@code readNBytes}: once it
   * has {@code limit} bytes it still asks for zero more, and a chunked stream then waits for the
   * next chunk's header, which a client that stopped sending never sends.
   */
  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    byte[] buffer = new byte[Math.min(limit, 64 * 1024)];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int total = 0;
    while (total < limit) {
      int n = in.read(buffer, 0, Math.min(buffer.length, limit - total));
      if (n < 0) break;
      out.write(buffer, 0, n);
      total += n;
    }
    return out.toByteArray();
  }

  private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
    respond(exchange, status, message);
    exchange.close();
  }

  /** The whole answer, flushed, with the connection marked to close: the client may still be sending. */
  private static void respond(HttpExchange exchange, int status, String message) throws IOException {
    byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.getResponseHeaders().set("Connection", "close");
    if (status == 503) exchange.getResponseHeaders().set("Retry-After", "1");
    exchange.sendResponseHeaders(status, bytes.length);
    OutputStream out = exchange.getResponseBody();
    out.write(bytes);
    out.flush();
  }
}
