package dev.parley.core.internal.llm.groq;

import java.io.IOException;
import java.util.Arrays;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Reads server-sent events (html.spec.whatwg.org, "Interpreting an event stream") from an OkHttp
 * response body, handing each event's data over as bytes in a buffer reused for every event.
 *
 * <p>Why not okhttp-sse's reader: it decodes every event's data into a {@code String}, which the
 * chunk parser then encoded back into bytes for Jackson. At 1,000 live answers that is 100,000
 * events a second, and the two copies were about a fifth of the bytes the bot allocated (the load
 * benchmark, docs/benchmarks.md). Here the data goes from OkHttp's buffer into one array per stream,
 * and Jackson reads it there.
 *
 * <p>Lines end with CRLF, LF or CR. {@code data} lines are joined with LF; {@code event} sets the
 * type; comments, {@code id}, {@code retry} and unknown fields are ignored; an event cut off by the
 * end of the stream is not dispatched. A line or an event's data longer than {@code maxEventBytes}
 * is refused with {@link EventTooLargeException} before more of it is buffered: a server that never
 * ends a line cannot fill the heap. Not thread-safe: one reader per stream.
 */
final class SseReader {
  private static final ByteString LINE_ENDS = ByteString.encodeUtf8("\r\n");
  private static final ByteString DATA_FIELD = ByteString.encodeUtf8("data:");

  /** Receives each complete event. */
  interface Events {
    /**
     * One event. {@code data} holds its data in {@code [0, length)} and is overwritten by the next
     * event. {@code type} is null unless the event named one.
     */
    void onEvent(String type, byte[] data, int length);
  }

  /** A line or an event's data over the limit. */
  static final class EventTooLargeException extends IOException {
    EventTooLargeException(long bytes) {
      super("an event of more than " + bytes + " bytes");
    }
  }

  private final BufferedSource source;
  private final Buffer buffer;
  private final int maxEventBytes;
  private byte[] data = new byte[256];
  private int dataLength;
  private boolean hasData;
  private String type;
  /** The last line ended with CR: an LF at the head of what follows belongs to it. */
  private boolean crEnded;

  SseReader(BufferedSource source, int maxEventBytes) {
    this.source = source;
    this.buffer = source.getBuffer();
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * Reads up to and including the next event, blocking for the bytes it needs, and hands it to
   * {@code events}. False at the end of the stream.
   */
  boolean next(Events events) throws IOException {
    while (true) {
      long end = lineEnd();
      if (end < 0) return false;
      if (end == 0) {
        skipLineEnd();
        if (dispatch(events)) return true;
        continue;
      }
      if (buffer.rangeEquals(0, DATA_FIELD)) {
        buffer.skip(DATA_FIELD.size());
        long valueLength = end - DATA_FIELD.size();
        if (valueLength > 0 && buffer.getByte(0) == ' ') {
          buffer.skip(1);
          valueLength--;
        }
        appendData(valueLength);
      } else {
        otherField(end);
      }
      skipLineEnd();
    }
  }

  /**
   * The index of the next line's end in the buffer, reading as much as needed; -1 at the end of
   * the stream (a last line without its end is dropped, as is the event it belonged to).
   */
  private long lineEnd() throws IOException {
    if (crEnded) {
      if (!source.request(1)) return -1;
      if (buffer.getByte(0) == '\n') buffer.skip(1);
      crEnded = false;
    }
    long scanned = 0;
    while (true) {
      long end = buffer.indexOfElement(LINE_ENDS, scanned);
      if (end >= 0) return end;
      scanned = buffer.size();
      if (scanned > maxEventBytes) throw new EventTooLargeException(maxEventBytes);
      if (!source.request(scanned + 1)) return -1;
    }
  }

  /**
   * Skips the line end at the head of the buffer. After a CR it does not wait for the next byte:
   * an event ended by CR alone is handed over at once, and an LF that arrives later is skipped then.
   */
  private void skipLineEnd() throws IOException {
    if (buffer.readByte() != '\r') return;
    if (buffer.size() == 0) crEnded = true;
    else if (buffer.getByte(0) == '\n') buffer.skip(1);
  }

  private void appendData(long valueLength) throws IOException {
    int separator = hasData ? 1 : 0;
    long needed = dataLength + separator + valueLength;
    if (needed > maxEventBytes) throw new EventTooLargeException(maxEventBytes);
    if (needed > data.length) data = Arrays.copyOf(data, (int) Math.min(maxEventBytes, Math.max(needed, 2L * data.length)));
    if (hasData) data[dataLength++] = '\n';
    hasData = true;
    int length = (int) valueLength;
    while (length > 0) {
      int read = buffer.read(data, dataLength, length);
      dataLength += read;
      length -= read;
    }
  }

  /**
   * A line other than {@code data:}: {@code event} sets the type, {@code data} alone adds an
   * empty line to the data, the rest is ignored.
   */
  private void otherField(long end) throws IOException {
    String line = buffer.readUtf8(end);
    if (line.startsWith(":")) return; // a comment
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    if (field.equals("data")) {
      appendData(0);
    } else if (field.equals("event")) {
      String value = colon < 0 ? "" : line.substring(colon + 1);
      type = value.startsWith(" ") ? value.substring(1) : value;
    }
  }

  /** Ends the event at a blank line; true if it had data and was handed over. */
  private boolean dispatch(Events events) {
    boolean had = hasData;
    String eventType = type;
    int length = dataLength;
    hasData = false;
    dataLength = 0;
    type = null;
    if (had) events.onEvent(eventType == null || eventType.isEmpty() ? null : eventType, data, length);
    return had;
  }
}
