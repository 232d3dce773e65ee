package dev.parley.core.internal.llm;

import java.util.List;
import java.util.Objects;

/**
 * A chat-completions request. Null fields are unset and left out of the JSON.
 *
 * <p>Build with {@link #builder(String)}; {@link #toBuilder()} copies for a variation, such as
 * the next round of a tool loop or a fallback model.
 *
 * <p>{@code builtInTools} names tools the server runs itself, such as {@code browser_search}; they
 * go into the same {@code tools} array as {@code {"type": name}}. Which models take them is the
 * caller's concern.
 */
public record ChatRequest(
    String model,
    List<ChatMessage> messages,
    Double temperature,
    Double topP,
    Integer maxCompletionTokens,
    List<String> stop,
    List<ToolDefinition> tools,
    ToolChoice toolChoice,
    Boolean parallelToolCalls,
    ResponseFormat responseFormat,
    ServiceTier serviceTier,
    Long seed,
    String user,
    List<String> builtInTools) {

  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    if (messages.isEmpty()) throw new IllegalArgumentException("messages must not be empty");
    stop = stop == null ? null : List.copyOf(stop);
    if (stop != null && stop.size() > 4) throw new IllegalArgumentException("at most 4 stop sequences");
    tools = tools == null ? null : List.copyOf(tools);
    builtInTools = builtInTools == null ? null : List.copyOf(builtInTools);
    if (builtInTools != null) {
      for (String name : builtInTools) {
        if (!name.matches("[a-z_]{1,64}")) throw new IllegalArgumentException("not a built-in tool name: " + name);
      }
    }
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw new IllegalArgumentException("temperature must be within [0, 2]");
    }
    if (topP != null && (topP < 0 || topP > 1)) {
      throw new IllegalArgumentException("top_p must be within [0, 1]");
    }
    if (maxCompletionTokens != null && maxCompletionTokens < 1) {
      throw new IllegalArgumentException("max_completion_tokens must be positive");
    }
  }

  public static Builder builder(String model) {
    return new Builder().model(model);
  }

  public Builder toBuilder() {
    return new Builder()
        .model(model).messages(messages).temperature(temperature).topP(topP)
        .maxCompletionTokens(maxCompletionTokens).stop(stop).tools(tools).toolChoice(toolChoice)
        .parallelToolCalls(parallelToolCalls).responseFormat(responseFormat)
        .serviceTier(serviceTier).seed(seed).user(user).builtInTools(builtInTools);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String model;
    private List<ChatMessage> messages = List.of();
    private Double temperature;
    private Double topP;
    private Integer maxCompletionTokens;
    private List<String> stop;
    private List<ToolDefinition> tools;
    private ToolChoice toolChoice;
    private Boolean parallelToolCalls;
    private ResponseFormat responseFormat;
    private ServiceTier serviceTier;
    private Long seed;
    private String user;
    private List<String> builtInTools;

    private Builder() {}

    public Builder model(String model) { this.model = model; return this; }
    public Builder messages(List<ChatMessage> messages) { this.messages = messages; return this; }
    public Builder temperature(Double temperature) { this.temperature = temperature; return this; }
    public Builder topP(Double topP) { this.topP = topP; return this; }
    public Builder maxCompletionTokens(Integer max) { this.maxCompletionTokens = max; return this; }
    public Builder stop(List<String> stop) { this.stop = stop; return this; }
    public Builder tools(List<ToolDefinition> tools) { this.tools = tools; return this; }
    public Builder toolChoice(ToolChoice toolChoice) { this.toolChoice = toolChoice; return this; }
    public Builder parallelToolCalls(Boolean parallel) { this.parallelToolCalls = parallel; return this; }
    public Builder responseFormat(ResponseFormat format) { this.responseFormat = format; return this; }
    public Builder serviceTier(ServiceTier tier) { this.serviceTier = tier; return this; }
    public Builder seed(Long seed) { this.seed = seed; return this; }
    public Builder user(String user) { this.user = user; return this; }
    public Builder builtInTools(List<String> names) { this.builtInTools = names; return this; }

    public ChatRequest build() {
      return new ChatRequest(model, messages, temperature, topP, maxCompletionTokens, stop, tools,
          toolChoice, parallelToolCalls, responseFormat, serviceTier, seed, user, builtInTools);
    }
  }
}
