package dev.parley.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Jackson for a bot that runs on virtual threads: every mapper made here takes its parsers' and
 * generators' buffers from one shared pool ({@link JsonRecyclerPools#sharedConcurrentDequePool()})
 * instead of Jackson's default, a pool per thread. A virtual thread lives for one task, so a
 * per-thread pool allocates a fresh set of buffers (an 8,000-byte array and char arrays of 2,000)
 * for every thread that touches JSON and keeps them, softly referenced, until the thread ends (at
 * 1,000 live answers the load benchmark found over five thousand such char arrays alive). The
 * shared pool keeps as many sets as were ever in use at once instead, and reuses them. The
 * benchmark's pause times did not move measurably either way (docs/benchmarks.md, the fourth
 * round); this is what Jackson documents for virtual threads, at no measured cost.
 */
public final class PooledJson {
  private PooledJson() {}

  /** A new plain {@code ObjectMapper} whose buffers come from the shared pool. */
  public static ObjectMapper newMapper() {
    return new ObjectMapper(factory());
  }

  /** A new {@code JsonFactory} whose buffers come from the shared pool. */
  public static JsonFactory factory() {
    return JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();
  }
}
