package dev.parley.core.internal.history;

import dev.parley.core.internal.llm.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How much history one conversation keeps: at most {@code maxTurns} turns and at most
 * {@code maxBytes} bytes, counted as the UTF-8 length of each turn's stored JSON
 * ({@link TurnJson#encode}), which is exactly what a Redis list element weighs.
 *
 * <p>Trimming drops the oldest turns first, and never leaves a tool result at the head: an
 * assistant turn that calls tools and the results that answer it go together, because a prompt
 * with a result whose call is gone is refused by Groq. The Redis store applies the same rule in
 * its append script; {@link #firstKept} is the rule in Java, for the in-memory twin.
 *
 * <p>A group larger than the whole byte bound is not kept at all: the bound holds, always.
 * Configuration keeps the bound well above any single message.
 */
public record HistoryLimits(int maxTurns, long maxBytes) {
  public static final int DEFAULT_MAX_TURNS = 200;
  /** 256 KiB: some 60,000 tokens of text, more than most models' useful context. */
  public static final long DEFAULT_MAX_BYTES = 256 * 1024;
  public static final HistoryLimits DEFAULT = new HistoryLimits(DEFAULT_MAX_TURNS, DEFAULT_MAX_BYTES);

  public HistoryLimits {
    if (maxTurns < 1) throw new IllegalArgumentException("maxTurns must be positive");
    if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be positive");
  }

  /** The limits with another turn cap and the default byte cap. */
  public static HistoryLimits ofTurns(int maxTurns) {
    return new HistoryLimits(maxTurns, DEFAULT_MAX_BYTES);
  }

  /** What one turn weighs in the store: the UTF-8 bytes of its JSON form. */
  public static long sizeOf(Turn turn) {
    return TurnJson.encode(turn).getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The index of the first turn to keep so that what follows fits both caps and does not start
   * with a tool result; {@code turns.size()} when nothing can be kept.
   *
   * @param sizes each turn's size, as {@link #sizeOf} measures it, in the order of {@code turns}
   */
  public int firstKept(List<Turn> turns, long[] sizes) {
    if (sizes.length != turns.size()) throw new IllegalArgumentException("one size per turn");
    long bytes = 0;
    for (long size : sizes) bytes += size;
    int first = 0;
    while (first < turns.size()
        && (turns.size() - first > maxTurns || bytes > maxBytes || turns.get(first).role() == Role.TOOL)) {
      bytes -= sizes[first];
      first++;
    }
    return first;
  }
}
