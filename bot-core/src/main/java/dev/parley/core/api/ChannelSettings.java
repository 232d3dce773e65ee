package dev.parley.core.api;


import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Settings that may differ per channel. Resolved by {@link ChannelSettingsResolver}; the deploy
 * module reads them from configuration.
 *
 * @param systemPrompt the system prompt
 * @param model the default model for the channel
 * @param fallbackModels tried in order when the model answers 429 or 503 before any text
 * @param supportChannel whether every top-level message is answered without a mention
 * @param enabledTools tool names the model may call here
 * @param userLimit requests per user
 * @param conversationLimit requests per conversation
 * @param replyCadence the least time between two edits of a reply, on top of platform budgets
 * @param allowedUsers platform user ids who may use the bot here; empty (with no roles) means
 *     everyone the workspace and channel allow-lists let in
 * @param allowedRoles Discord role ids whose members may use the bot here, besides the users
 * @param builtInTools tools the model's server may run itself here ({@code browser_search},
 *     {@code code_interpreter}), offered only to models that take them; empty by default
 * @param handoff whom a handoff to people pings here and how long Parley then stays quiet;
 *     {@link HandoffSettings#OFF} by default
 */
public record ChannelSettings(
    String systemPrompt,
    String model,
    List<String> fallbackModels,
    boolean supportChannel,
    Set<String> enabledTools,
    RequestLimit userLimit,
    RequestLimit conversationLimit,
    Duration replyCadence,
    Set<String> allowedUsers,
    Set<String> allowedRoles,
    Set<String> builtInTools,
    HandoffSettings handoff) {

  /** Settings without handoff. */
  public ChannelSettings(String systemPrompt, String model, List<String> fallbackModels, boolean supportChannel,
      Set<String> enabledTools, RequestLimit userLimit, RequestLimit conversationLimit,
      Duration replyCadence, Set<String> allowedUsers, Set<String> allowedRoles, Set<String> builtInTools) {
    this(systemPrompt, model, fallbackModels, supportChannel, enabledTools, userLimit, conversationLimit,
        replyCadence, allowedUsers, allowedRoles, builtInTools, HandoffSettings.OFF);
  }

  /** Settings that allow no built-in tools. */
  public ChannelSettings(String systemPrompt, String model, List<String> fallbackModels, boolean supportChannel,
      Set<String> enabledTools, RequestLimit userLimit, RequestLimit conversationLimit,
      Duration replyCadence, Set<String> allowedUsers, Set<String> allowedRoles) {
    this(systemPrompt, model, fallbackModels, supportChannel, enabledTools, userLimit, conversationLimit,
        replyCadence, allowedUsers, allowedRoles, Set.of());
  }

  /** Settings that restrict no user and allow no built-in tools. */
  public ChannelSettings(String systemPrompt, String model, List<String> fallbackModels, boolean supportChannel,
      Set<String> enabledTools, RequestLimit userLimit, RequestLimit conversationLimit,
      Duration replyCadence) {
    this(systemPrompt, model, fallbackModels, supportChannel, enabledTools, userLimit, conversationLimit,
        replyCadence, Set.of(), Set.of(), Set.of());
  }

  public ChannelSettings {
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(model, "model");
    fallbackModels = List.copyOf(Objects.requireNonNullElse(fallbackModels, List.of()));
    enabledTools = Set.copyOf(Objects.requireNonNullElse(enabledTools, Set.of()));
    Objects.requireNonNull(userLimit, "userLimit");
    Objects.requireNonNull(conversationLimit, "conversationLimit");
    Objects.requireNonNull(replyCadence, "replyCadence");
    allowedUsers = Set.copyOf(Objects.requireNonNullElse(allowedUsers, Set.of()));
    allowedRoles = Set.copyOf(Objects.requireNonNullElse(allowedRoles, Set.of()));
    builtInTools = Set.copyOf(Objects.requireNonNullElse(builtInTools, Set.of()));
    handoff = Objects.requireNonNullElse(handoff, HandoffSettings.OFF);
  }

  /** These settings with {@code names} as the allowed built-in tools. */
  public ChannelSettings withBuiltInTools(Set<String> names) {
    return new ChannelSettings(systemPrompt, model, fallbackModels, supportChannel, enabledTools, userLimit,
        conversationLimit, replyCadence, allowedUsers, allowedRoles, names, handoff);
  }

  /** These settings with {@code settings} as the channel's handoff to people. */
  public ChannelSettings withHandoff(HandoffSettings settings) {
    return new ChannelSettings(systemPrompt, model, fallbackModels, supportChannel, enabledTools, userLimit,
        conversationLimit, replyCadence, allowedUsers, allowedRoles, builtInTools, settings);
  }

  /** Whether only listed users or roles may use the bot here. */
  public boolean restrictsUsers() {
    return !allowedUsers.isEmpty() || !allowedRoles.isEmpty();
  }
}
