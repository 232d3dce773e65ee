package dev.parley.core.internal.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between a Redis client and the Redis at 127.0.0.1:6379 that counts what crosses it:
 * <em>round trips</em> (a request that follows a reply on its connection, or the first request of a
 * connection: a pipeline of several commands written at once is one) and the commands themselves,
 * read from the RESP arrays the client writes. Not a mock: the bytes pass through unchanged, so the
 * real client talks to the real server. Thread-safe; {@link #close} ends every connection.
 */
public final class CountingRedisProxy implements AutoCloseable {

  /** One command as the client sent it: its name and, when there is one, its first key or argument. */
  public record Command(int roundTrip, String name, String firstArgument) {
    @Override
    public String toString() {
      return "#" + roundTrip + " " + name + (firstArgument == null ? "" : " " + firstArgument);
    }
  }

  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Command> commands = new CopyOnWriteArrayList<>();
  private final AtomicInteger roundTrips = new AtomicInteger();

  private CountingRedisProxy(ServerSocket server) {
    this.server = server;
  }

  public static CountingRedisProxy start() throws IOException {
    CountingRedisProxy proxy = new CountingRedisProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    Thread.ofVirtual().name("redis-proxy-accept").start(proxy::accept);
    return proxy;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Forgets what was counted so far; what crosses from now on is counted afresh. */
  public synchronized void reset() {
    commands.clear();
    roundTrips.set(0);
  }

  public int roundTrips() {
    return roundTrips.get();
  }

  public List<Command> commands() {
    return List.copyOf(commands);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket redis = new Socket(InetAddress.getLoopbackAddress(), 6379);
        sockets.add(client);
        sockets.add(redis);
        AtomicBoolean replied = new AtomicBoolean(true);
        Thread.ofVirtual().start(() -> requests(client, redis, replied));
        Thread.ofVirtual().start(() -> replies(redis, client, replied));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void requests(Socket client, Socket redis, AtomicBoolean replied) {
    RespCommands parser = new RespCommands();
    try (InputStream in = client.getInputStream(); OutputStream out = redis.getOutputStream()) {
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        int roundTrip;
        synchronized (this) {
          if (replied.getAndSet(false)) roundTrips.incrementAndGet();
          roundTrip = roundTrips.get();
          for (List<String> command : parser.feed(buffer, n)) {
            commands.add(describe(roundTrip, command));
          }
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // A connection ends when either side closes it.
    }
  }

  /** A script is named by its first key, since its SHA says nothing; other commands by their first argument. */
  private static Command describe(int roundTrip, List<String> command) {
    String name = command.get(0).toUpperCase(java.util.Locale.ROOT);
    boolean script = name.equals("EVALSHA") || name.equals("EVAL");
    int argument = script ? 3 : 1;
    return new Command(roundTrip, name, command.size() > argument ? command.get(argument) : null);
  }

  private static void replies(Socket redis, Socket client, AtomicBoolean replied) {
    try (InputStream in = redis.getInputStream(); OutputStream out = client.getOutputStream()) {
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        // Marked before the client can see the reply, so its next request counts as a new trip.
        replied.set(true);
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // A connection ends when either side closes it.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) socket.close();
  }

  /** Reads RESP arrays of bulk strings (what clients send) from a byte stream cut anywhere. */
  private static final class RespCommands {
    private byte[] pending = new byte[0];

    List<List<String>> feed(byte[] bytes, int length) {
      byte[] all = new byte[pending.length + length];
      System.arraycopy(pending, 0, all, 0, pending.length);
      System.arraycopy(bytes, 0, all, pending.length, length);
      List<List<String>> complete = new ArrayList<>();
      int at = 0;
      while (true) {
        int[] next = new int[1];
        List<String> command = parse(all, at, next);
        if (command == null) break;
        complete.add(command);
        at = next[0];
      }
      pending = java.util.Arrays.copyOfRange(all, at, all.length);
      return complete;
    }

    /** One command from {@code at}, or null if it has not fully arrived; {@code end[0]} is set past it. */
    private static List<String> parse(byte[] data, int at, int[] end) {
      int line = lineEnd(data, at);
      if (line < 0 || data[at] != '*') return null;
      int count = Integer.parseInt(new String(data, at + 1, line - at - 1, StandardCharsets.US_ASCII));
      int position = line + 2;
      List<String> parts = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int header = lineEnd(data, position);
        if (header < 0) return null;
        int size = Integer.parseInt(new String(data, position + 1, header - position - 1, StandardCharsets.US_ASCII));
        int start = header + 2;
        if (start + size + 2 > data.length) return null;
        parts.add(new String(data, start, Math.min(size, 200), StandardCharsets.UTF_8));
        position = start + size + 2;
      }
      end[0] = position;
      return parts;
    }

    private static int lineEnd(byte[] data, int from) {
      for (int i = from; i + 1 < data.length; i++) {
        if (data[i] == '\r' && data[i + 1] == '\n') return i;
      }
      return -1;
    }
  }
}
