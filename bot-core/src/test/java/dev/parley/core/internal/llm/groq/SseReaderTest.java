package dev.parley.core.internal.llm.groq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

class SseReaderTest {

  record Event(String type, String data) {}

  @Test
  void readsGroqsChunksAndTheDoneMarker() throws IOException {
    // As Groq sends them (recorded): one data line per event, a blank line after each.
    String wire = """
        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"}}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"x_groq":{"id":"req_1"}}

        data: [DONE]

        """;

    assertThat(readAll(wire)).containsExactly(
        new Event(null, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}"),
        new Event(null, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_1\"}}"),
        new Event(null, "[DONE]"));
  }

  @Test
  void readsAnErrorEventWithItsType() throws IOException {
    String wire = "event: error\ndata: {\"error\":{\"message\":\"Service Unavailable\",\"type\":\"internal_server_error\"}}\n\n";

    assertThat(readAll(wire)).containsExactly(
        new Event("error", "{\"error\":{\"message\":\"Service Unavailable\",\"type\":\"internal_server_error\"}}"));
  }

  @Test
  void followsTheSpecsFieldRules() throws IOException {
    String wire = String.join("\n",
        ": a comment, ignored",
        "id: 7",
        "retry: 1000",
        "unknown: ignored",
        "data:no space",
        "data:  two spaces keep one",
        "data",
        "",
        "event",
        "data: a typeless event after an empty event field",
        "",
        "",
        "",
        "event: ping",
        "",
        "data: the type of an event without data does not carry over",
        "", "");

    assertThat(readAll(wire)).containsExactly(
        new Event(null, "no space\n two spaces keep one\n"),
        new Event(null, "a typeless event after an empty event field"),
        new Event(null, "the type of an event without data does not carry over"));
  }

  @Test
  void acceptsCrLfAndCrLineEndsAndKeepsUtf8Whole() throws IOException {
    String wire = "data: caf\u00e9 \u2014 \ud83d\ude80\r\n\r\ndata: one\rdata: two\r\r";

    assertThat(readAll(wire)).containsExactly(
        new Event(null, "caf\u00e9 \u2014 \ud83d\ude80"), new Event(null, "one\ntwo"));
  }

  @Test
  void handsAnEventEndedByCrAloneOverWithoutWaitingForTheNextByte() throws IOException {
    // The LF of a CRLF may arrive in the next read, or never (a CR-only server).
    BufferedSource source = Okio.buffer(new Trickle("data: now\r\r", "\ndata: later\r\n\r\n"));
    SseReader reader = new SseReader(source, 1024);
    List<Event> events = new ArrayList<>();

    assertThat(reader.next(collectInto(events))).isTrue();
    assertThat(events).containsExactly(new Event(null, "now"));
    assertThat(reader.next(collectInto(events))).isTrue();
    assertThat(events).containsExactly(new Event(null, "now"), new Event(null, "later"));
    assertThat(reader.next(collectInto(events))).isFalse();
  }

  @Test
  void readsEventsSplitAcrossReadsAtAnyByte() throws IOException {
    String wire = "data: {\"a\":\"\u00e9\"}\n\nevent: error\ndata: x\n\n";
    byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
    for (int cut = 1; cut < bytes.length; cut++) {
      BufferedSource source = Okio.buffer(new Trickle(
          new String(bytes, 0, cut, StandardCharsets.ISO_8859_1), new String(bytes, cut, bytes.length - cut, StandardCharsets.ISO_8859_1)));
      List<Event> events = new ArrayList<>();
      SseReader reader = new SseReader(source, 1024);
      while (reader.next(collectInto(events))) {
        // all of them
      }
      assertThat(events).as("cut at %d", cut).containsExactly(new Event(null, "{\"a\":\"\u00e9\"}"), new Event("error", "x"));
    }
  }

  @Test
  void dropsAnEventCutOffByTheEndOfTheStream() throws IOException {
    assertThat(readAll("data: whole\n\ndata: cut off\n")).containsExactly(new Event(null, "whole"));
    assertThat(readAll("data: whole\n\ndata: no line end")).containsExactly(new Event(null, "whole"));
  }

  @Test
  void refusesALineLongerThanTheLimitBeforeBufferingItAll() {
    // A server that never ends its line: the reader stops at the limit, not at the heap's end.
    Source endless = new Source() {
      @Override
      public long read(Buffer sink, long byteCount) {
        sink.writeUtf8("x".repeat(8192));
        return 8192;
      }

      @Override
      public Timeout timeout() {
        return Timeout.NONE;
      }

      @Override
      public void close() {}
    };
    BufferedSource source = Okio.buffer(endless);
    SseReader reader = new SseReader(source, 64 * 1024);

    assertThatThrownBy(() -> reader.next((type, data, length) -> {}))
        .isInstanceOf(SseReader.EventTooLargeException.class).hasMessageContaining("65536 bytes");
    assertThat(source.getBuffer().size()).isLessThan(64 * 1024 + 2 * 8192);
  }

  @Test
  void refusesAnEventWhoseDataLinesAddUpOverTheLimit() {
    String line = "data: " + "y".repeat(600) + "\n";

    assertThatThrownBy(() -> readAll(line.repeat(2) + "\n", 1024))
        .isInstanceOf(SseReader.EventTooLargeException.class);
    assertThat(catchingNothing(() -> readAll(line + "\n", 1024))).hasSize(1);
  }

  @Test
  void reusesOneBufferAndGrowsItForALargeEvent() throws IOException {
    String large = "z".repeat(5000);
    List<byte[]> buffers = new ArrayList<>();
    List<String> data = new ArrayList<>();
    SseReader reader = new SseReader(new Buffer().writeUtf8("data: a\n\ndata: b\n\ndata: " + large + "\n\ndata: c\n\n"), 1 << 20);
    while (reader.next((type, bytes, length) -> {
      buffers.add(bytes);
      data.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
    })) {
      // all of them
    }

    assertThat(data).containsExactly("a", "b", large, "c");
    assertThat(buffers.get(1)).isSameAs(buffers.get(0));
    assertThat(buffers.get(3)).isSameAs(buffers.get(2));
  }

  @Test
  void recognisesTheDoneMarkerGiveOrTakeWhitespace() {
    assertThat(GroqStream.isDone(bytes("[DONE]"), 6)).isTrue();
    assertThat(GroqStream.isDone(bytes(" [DONE] \n"), 9)).isTrue();
    assertThat(GroqStream.isDone(bytes("[DONE]xyz"), 6)).as("only the event's own bytes count").isTrue();
    assertThat(GroqStream.isDone(bytes("[DONE"), 5)).isFalse();
    assertThat(GroqStream.isDone(bytes("[done]"), 6)).isFalse();
    assertThat(GroqStream.isDone(bytes("\u00e9[DONE]"), 8)).as("a letter before it").isFalse();
    assertThat(GroqStream.isDone(bytes("{}"), 2)).isFalse();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Event> readAll(String wire) throws IOException {
    return readAll(wire, 1 << 20);
  }

  private static List<Event> readAll(String wire, int maxEventBytes) throws IOException {
    SseReader reader = new SseReader(new Buffer().writeUtf8(wire), maxEventBytes);
    List<Event> events = new ArrayList<>();
    while (reader.next(collectInto(events))) {
      // all of them
    }
    return events;
  }

  private static SseReader.Events collectInto(List<Event> events) {
    return (type, data, length) -> events.add(new Event(type, new String(data, 0, length, StandardCharsets.UTF_8)));
  }

  private interface Reading {
    List<Event> read() throws IOException;
  }

  private static List<Event> catchingNothing(Reading reading) {
    try {
      return reading.read();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A source that hands its parts over one read at a time, as a socket does. */
  private static final class Trickle implements Source {
    private final List<String> parts;
    private int next;

    Trickle(String... parts) {
      this.parts = List.of(parts);
    }

    @Override
    public long read(Buffer sink, long byteCount) {
      if (next == parts.size()) return -1;
      // Latin-1 keeps each char one byte: the parts are byte ranges of UTF-8 text.
      byte[] part = parts.get(next++).getBytes(StandardCharsets.ISO_8859_1);
      sink.write(part);
      return part.length;
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public void close() {}
  }
}
