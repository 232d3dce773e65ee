package dev.parley.core.internal.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.internal.json.PooledJson;
import dev.parley.core.internal.llm.ToolCall;
import dev.parley.core.internal.observe.EngineObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one round of tool calls. Parallel calls run concurrently on virtual threads. A bad call
 * never throws: an unknown or disabled tool, arguments larger than
 * {@value #MAX_ARGUMENTS_BYTES} bytes, arguments that are not JSON or break the schema, a tool
 * that throws, and a tool that times out each become an error result that goes back to the
 * model, which can then correct itself or tell the user.
 */
public final class ToolRunner {
  private static final Logger log = LoggerFactory.getLogger(ToolRunner.class);
  private static final ObjectMapper JSON = PooledJson.newMapper();
  static final String UNKNOWN_TOOL = "(unknown)";
  /**
   * The most UTF-8 bytes of one call's whole arguments JSON. Checked before parsing, so a model
   * (or a prompt injected into it) cannot make Parley parse, validate or store megabytes; no
   * shipped tool needs more than a ticket's title and description.
   */
  public static final int MAX_ARGUMENTS_BYTES = 16 * 1024;

  private final ToolRegistry registry;
  private final Duration timeout;
  private final EngineObserver observer;

  /** The result for one call, in the order of the calls. */
  public record Result(ToolCall call, String content, boolean ok) {}

  public ToolRunner(ToolRegistry registry, Duration timeout, EngineObserver observer) {
    this.registry = registry;
    this.timeout = timeout;
    this.observer = observer;
  }

  /** Runs {@code calls} and blocks until each has a result or timed out. */
  public List<Result> run(List<ToolCall> calls, Set<String> enabled, ToolContextFactory contexts)
      throws InterruptedException {
    // Not try-with-resources: close() would wait for a tool that ignores interrupts.
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (ToolCall call : calls) {
        futures.add(executor.submit(() -> runOne(call, enabled, contexts.forCall(call.id()))));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      List<Result> results = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        results.add(await(futures.get(i), calls.get(i), deadline));
      }
      return results;
    } finally {
      executor.shutdownNow();
    }
  }

  /** Builds the context of each call; the call id is the idempotency key of what it creates. */
  @FunctionalInterface
  public interface ToolContextFactory {
    ToolContext forCall(String toolCallId);
  }

  private Result await(Future<Result> future, ToolCall call, long deadline) throws InterruptedException {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      observer.toolCall(metricName(call), "timeout");
      log.warn("tool call timed out tool={} call={} timeout={}", call.name(), call.id(), timeout);
      return error(call, "The tool '" + call.name() + "' did not answer within " + timeout.toSeconds() + " seconds.");
    } catch (ExecutionException e) {
      observer.toolCall(metricName(call), "error");
      return error(call, "The tool '" + call.name() + "' failed: " + e.getCause());
    }
  }

  private Result runOne(ToolCall call, Set<String> enabled, ToolContext context) {
    var registered = registry.find(call.name()).filter(r -> ToolRegistry.isEnabled(enabled, call.name()));
    if (registered.isEmpty()) {
      // The model made the name up: tagging metrics with it would let a model grow them without bound.
      observer.toolCall(UNKNOWN_TOOL, "unknown");
      return error(call, "There is no tool named '" + call.name() + "'. Available tools: " + enabled + ".");
    }
    long size = utf8Length(call.arguments(), MAX_ARGUMENTS_BYTES);
    if (size > MAX_ARGUMENTS_BYTES) {
      observer.toolCall(call.name(), "invalid");
      log.warn("tool arguments too large tool={} call={} atLeastBytes={}", call.name(), call.id(), size);
      return error(call, "The arguments are too large: a tool takes at most " + MAX_ARGUMENTS_BYTES
          + " bytes of JSON arguments. Call it again with shorter arguments.");
    }
    JsonNode arguments;
    try {
      arguments = call.arguments().isBlank() ? JSON.createObjectNode() : JSON.readTree(call.arguments());
    } catch (JsonProcessingException e) {
      observer.toolCall(call.name(), "invalid");
      return error(call, "The arguments are not valid JSON: " + e.getOriginalMessage());
    }
    List<String> violations = ToolRegistry.violations(registered.get(), arguments);
    if (!violations.isEmpty()) {
      observer.toolCall(call.name(), "invalid");
      return error(call, "The arguments do not match the tool's schema: " + String.join("; ", violations));
    }
    try {
      String content = registered.get().tool().execute(arguments, context);
      observer.toolCall(call.name(), "ok");
      return new Result(call, content, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(call, "The tool '" + call.name() + "' was interrupted.");
    } catch (ToolRefusedException e) {
      observer.toolCall(call.name(), "refused");
      log.info("tool call refused tool={} call={} reason={}", call.name(), call.id(), e.getMessage());
      return error(call, e.getMessage());
    } catch (Exception e) {
      observer.toolCall(call.name(), "error");
      log.warn("tool call failed tool={} call={}", call.name(), call.id(), e);
      return error(call, "The tool '" + call.name() + "' failed: " + e.getMessage());
    }
  }

  /** The UTF-8 length of {@code text}, counted only until it passes {@code limit}. */
  static long utf8Length(String text, int limit) {
    long bytes = 0;
    for (int i = 0; i < text.length() && bytes <= limit; i++) {
      char c = text.charAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else bytes += 3;
    }
    return bytes;
  }

  private String metricName(ToolCall call) {
    return registry.find(call.name()).isPresent() ? call.name() : UNKNOWN_TOOL;
  }

  private static Result error(ToolCall call, String message) {
    ObjectNode body = JSON.createObjectNode().put("error", message);
    return new Result(call, body.toString(), false);
  }
}
