package dev.parley.core.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Something the model can do in the workplace. Implementations are thread-safe: parallel tool
 * calls run concurrently.
 */
public interface Tool {

  /** The function name the model calls: 1 to 64 of {@code [a-zA-Z0-9_-]}. */
  String name();

  /** Tells the model when to use the tool. */
  String description();

  /** JSON Schema of the arguments object. Arguments are validated against it before execute. */
  JsonNode parametersSchema();

  /**
   * Runs the tool. Called on a virtual thread; may block. Whatever it returns is sent to the
   * model as the tool result, so keep it short and factual (JSON is fine).
   *
   * @param arguments the validated arguments object
   * @throws Exception any failure; the loop reports it to the model as an error result
   */
  String execute(JsonNode arguments, ToolContext context) throws Exception;
}
