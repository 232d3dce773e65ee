package dev.parley.discord.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import javax.net.ServerSocketFactory;

/**
 * Server sockets that queue up to {@link #BACKLOG} connections not yet accepted, where
 * {@code MockWebServer} asks for 50. Discord's edge takes a burst of new connections; a fake that
 * drops the SYNs of one makes each dropped client wait for its retransmission, 1 s and then 3 s
 * (Linux's initial SYN timeout), a stall that is the fake's, not the bot's. The load benchmark
 * at N = 1,000 met it: thousands of listen-queue overflows ({@code nstat TcpExtListenOverflows})
 * and answers whose edits stopped for over 2 s. The kernel caps the figure at
 * {@code net.core.somaxconn} (4096 by default).
 */
final class WideBacklog extends ServerSocketFactory {
  static final int BACKLOG = 4096;

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return new ServerSocket() {
      @Override
      public void bind(SocketAddress endpoint, int backlog) throws IOException {
        super.bind(endpoint, Math.max(backlog, BACKLOG));
      }
    };
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    return new ServerSocket(port, BACKLOG);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    return new ServerSocket(port, Math.max(backlog, BACKLOG));
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
    return new ServerSocket(port, Math.max(backlog, BACKLOG), address);
  }
}
