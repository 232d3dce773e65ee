package dev.parley.core.internal.llm.groq;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.json.PooledJson;
import dev.parley.core.internal.llm.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one {@code chat.completion.chunk} in a single pass over Jackson's token stream, keeping
 * only what a completion needs. Everything else (logprobs, fingerprints, timestamps, the choices
 * after the first) is skipped without being decoded, and no tree is built: a stream is mostly
 * chunks carrying one token each, so what a chunk costs is what the client costs.
 *
 * <p>Values are read the way {@code JsonNode.asText()} and {@code asInt()} read them when chunks
 * were parsed into trees: null and absent text are null, an object where text belongs reads as "",
 * a number in a count field may be written as a string. (A number where text belongs keeps its
 * spelling from the wire; no server sends one.) Not thread-safe: the assembler calls it under its
 * own lock.
 */
final class ChunkParser {
  /** A tool-call fragment without a usable {@code index}: it takes the next free slot. */
  static final int NO_INDEX = Integer.MIN_VALUE;

  /** Reads the rare subtrees kept whole ({@code executed_tools}); the hot path never builds a tree. */
  private static final ObjectMapper TREES = PooledJson.newMapper();
  private final JsonFactory json;
  /**
   * One parser for every chunk of the stream, fed each chunk's bytes in turn: a parser per chunk
   * was most of what the client allocated per chunk (ClientCost, docs/benchmarks.md). Jackson's
   * non-blocking parser is the one that takes new input; null until the first chunk and after a
   * chunk that failed, which leaves it in no state for the next.
   */
  private WholeChunk stream;

  ChunkParser(JsonFactory json) {
    this.json = json;
  }

  /** What one chunk said; the assembler reuses one instance for every chunk of an attempt. */
  static final class Chunk {
    String id;
    String model;
    String requestId;
    boolean usageNonNull;
    Usage usage;
    Usage groqUsage;
    String content;
    String reasoning;
    String finishReason;
    /** Groq Compound's {@code delta.executed_tools}, kept as a tree: rare, and read whole. */
    JsonNode executedTools;
    final List<ToolFragment> toolCalls = new ArrayList<>();

    /** The usage the chunk reports: the top-level one unless it is null, else {@code x_groq}'s. */
    Usage reportedUsage() {
      return usageNonNull ? usage : groqUsage;
    }

    private void clear() {
      id = model = requestId = null;
      usageNonNull = false;
      usage = groqUsage = null;
      clearChoice();
    }

    private void clearChoice() {
      content = reasoning = finishReason = null;
      executedTools = null;
      toolCalls.clear();
    }
  }

  /** One element of {@code delta.tool_calls}; any field may be null, {@code index} may be {@link #NO_INDEX}. */
  record ToolFragment(int index, String id, String name, String arguments) {}

  /**
   * Parses the chunk in {@code data[offset, offset + length)} into {@code into}. Ids already known
   * are not wanted again and are skipped undecoded: they repeat on every chunk.
   *
   * @throws IOException when the bytes are not one JSON object; {@code into} is then incomplete
   */
  void parse(byte[] data, int offset, int length, Chunk into, boolean wantIds) throws IOException {
    into.clear();
    // Byte-based, so field names are matched as 4-byte quads, on the event's own bytes as the SSE
    // reader left them: no String, no copy.
    if (stream == null) stream = new WholeChunk(json.createNonBlockingByteArrayParser());
    boolean parsed = false;
    try {
      JsonParser parser = stream.feed(data, offset, length);
      if (parser.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "id" -> into.id = wantIds ? text(parser, value) : skip(parser);
          case "model" -> into.model = wantIds ? text(parser, value) : skip(parser);
          case "choices" -> choices(parser, value, into);
          case "usage" -> {
            into.usageNonNull = value != JsonToken.VALUE_NULL;
            into.usage = usage(parser, value);
          }
          case "x_groq" -> xGroq(parser, value, into, wantIds);
          default -> parser.skipChildren();
        }
      }
      // The object ended; whatever follows in the chunk must be whitespace.
      if (stream.delegate().nextToken() != JsonToken.NOT_AVAILABLE) throw new IOException("more than one JSON value");
      parsed = true;
    } finally {
      if (!parsed) stream = null;
    }
  }

  /**
   * The stream's parser as the chunk's readers see it: where Jackson's non-blocking parser says it
   * needs more input, the chunk ended inside a value, as a blocking parser would say at its end of
   * input.
   */
  private static final class WholeChunk extends JsonParserDelegate {
    private final ByteArrayFeeder feeder;

    WholeChunk(JsonParser stream) {
      super(stream);
      this.feeder = (ByteArrayFeeder) stream.getNonBlockingInputFeeder();
    }

    /** Hands the parser the next chunk, all of the last one having been read; returns this. */
    JsonParser feed(byte[] data, int offset, int length) throws IOException {
      feeder.feedInput(data, offset, offset + length);
      return this;
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token = delegate.nextToken();
      if (token == JsonToken.NOT_AVAILABLE) throw new JsonParseException(delegate, "the chunk ends inside a value");
      return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }
  }

  private static void xGroq(JsonParser parser, JsonToken value, Chunk into, boolean wantIds) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken fieldValue = parser.nextToken();
      switch (field) {
        case "id" -> into.requestId = wantIds ? text(parser, fieldValue) : skip(parser);
        case "usage" -> into.groqUsage = usage(parser, fieldValue);
        default -> parser.skipChildren();
      }
    }
  }

  /** Only the first choice counts, and only when it is an object. */
  private static void choices(JsonParser parser, JsonToken value, Chunk into) throws IOException {
    into.clearChoice();
    if (value != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    JsonToken first = next(parser);
    if (first == JsonToken.END_ARRAY) return;
    if (first == JsonToken.START_OBJECT) {
      choice(parser, into);
    } else {
      parser.skipChildren();
    }
    while (next(parser) != JsonToken.END_ARRAY) parser.skipChildren();
  }

  private static void choice(JsonParser parser, Chunk into) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "delta" -> delta(parser, value, into);
        case "finish_reason" -> into.finishReason = text(parser, value);
        default -> parser.skipChildren();
      }
    }
  }

  private static void delta(JsonParser parser, JsonToken value, Chunk into) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken fieldValue = parser.nextToken();
      switch (field) {
        case "content" -> into.content = text(parser, fieldValue);
        case "reasoning" -> into.reasoning = text(parser, fieldValue);
        case "tool_calls" -> toolCalls(parser, fieldValue, into.toolCalls);
        case "executed_tools" -> into.executedTools = TREES.readTree(parser);
        default -> parser.skipChildren();
      }
    }
  }

  private static void toolCalls(JsonParser parser, JsonToken value, List<ToolFragment> into) throws IOException {
    into.clear();
    if (value != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    for (JsonToken element; (element = next(parser)) != JsonToken.END_ARRAY; ) {
      into.add(toolFragment(parser, element));
    }
  }

  /** A fragment that is not an object still claims a slot, as the tree-based reading did. */
  private static ToolFragment toolFragment(JsonParser parser, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return new ToolFragment(NO_INDEX, null, null, null);
    }
    int index = NO_INDEX;
    String id = null;
    ToolFragment function = new ToolFragment(NO_INDEX, null, null, null);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken fieldValue = parser.nextToken();
      switch (field) {
        case "index" -> index = fieldValue != JsonToken.VALUE_NULL && isScalar(fieldValue)
            ? parser.getValueAsInt(NO_INDEX) : skipIndex(parser);
        case "id" -> id = text(parser, fieldValue);
        case "function" -> function = function(parser, fieldValue);
        default -> parser.skipChildren();
      }
    }
    return new ToolFragment(index, id, function.name(), function.arguments());
  }

  /** {@code function.name} and {@code function.arguments}, as a fragment holding only those. */
  private static ToolFragment function(JsonParser parser, JsonToken value) throws IOException {
    String name = null;
    String arguments = null;
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
    } else {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken fieldValue = parser.nextToken();
        switch (field) {
          case "name" -> name = text(parser, fieldValue);
          case "arguments" -> arguments = text(parser, fieldValue);
          default -> parser.skipChildren();
        }
      }
    }
    return new ToolFragment(NO_INDEX, null, name, arguments);
  }

  /** Token counts and timings; a field that is absent or not a number reads as zero. */
  private static Usage usage(JsonParser parser, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    int prompt = 0;
    int completion = 0;
    int total = 0;
    double queueTime = 0;
    double promptTime = 0;
    double completionTime = 0;
    double totalTime = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken fieldValue = parser.nextToken();
      if (!isScalar(fieldValue)) {
        parser.skipChildren();
        continue;
      }
      switch (field) {
        case "prompt_tokens" -> prompt = parser.getValueAsInt();
        case "completion_tokens" -> completion = parser.getValueAsInt();
        case "total_tokens" -> total = parser.getValueAsInt();
        case "queue_time" -> queueTime = parser.getValueAsDouble();
        case "prompt_time" -> promptTime = parser.getValueAsDouble();
        case "completion_time" -> completionTime = parser.getValueAsDouble();
        case "total_time" -> totalTime = parser.getValueAsDouble();
        default -> { }
      }
    }
    return new Usage(prompt, completion, total, queueTime, promptTime, completionTime, totalTime);
  }

  /** A scalar's text, null for JSON null, and "" for an object or array (skipped). */
  private static String text(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) return null;
    if (isScalar(value)) return parser.getText();
    parser.skipChildren();
    return "";
  }

  /** The next token; inside an array the input cannot end, and Jackson reports that too. */
  private static JsonToken next(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) throw new IOException("the chunk ends inside an array");
    return token;
  }

  private static String skip(JsonParser parser) throws IOException {
    parser.skipChildren();
    return null;
  }

  private static int skipIndex(JsonParser parser) throws IOException {
    parser.skipChildren();
    return NO_INDEX;
  }

  private static boolean isScalar(JsonToken value) {
    return value != null && value.isScalarValue();
  }
}
