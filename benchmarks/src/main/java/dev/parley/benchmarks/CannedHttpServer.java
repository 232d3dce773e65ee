package dev.parley.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A loopback HTTP/1.1 server that answers every request with one canned SSE response, written in a
 * single write with Nagle off. A general-purpose mock server writes headers and body separately,
 * which on loopback meets delayed ACKs and adds about 40 ms per request: that would measure the
 * server, not the clients.
 */
final class CannedHttpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final byte[] response;

  CannedHttpServer(String sseBody) throws IOException {
    byte[] body = sseBody.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: " + body.length
        + "\r\nConnection: keep-alive\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    response = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, response, 0, headBytes.length);
    System.arraycopy(body, 0, response, headBytes.length, body.length);
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon(true).name("canned-http-accept").start(this::accept);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        client.setTcpNoDelay(true);
        Thread.ofPlatform().daemon(true).name("canned-http-conn").start(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client; InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream out = client.getOutputStream()) {
      while (skipRequest(in)) {
        out.write(response);
        out.flush();
      }
    } catch (IOException e) {
      // The client went away.
    }
  }

  /** Reads one request (headers and a Content-Length body); false at end of stream. */
  private static boolean skipRequest(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int contentLength = 0;
    boolean any = false;
    for (int b; (b = in.read()) != -1; ) {
      any = true;
      if (b == '\n') {
        String header = line.toString().trim();
        if (header.isEmpty()) {
          in.readNBytes(contentLength);
          return true;
        }
        if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          contentLength = Integer.parseInt(header.substring(15).trim());
        }
        line.setLength(0);
      } else {
        line.append((char) b);
      }
    }
    if (any) throw new IOException("request cut short");
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
