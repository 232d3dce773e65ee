package dev.parley.deploy;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.HandoffSettings;
import dev.parley.core.api.RequestLimit;
import dev.parley.core.internal.llm.BuiltInTools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** One channel's settings while the YAML file is read: starts from the defaults, then overrides. */
final class ChannelSettingsDraft {
  static final Set<String> KEYS = Set.of("system_prompt", "model", "fallback_models", "support_channel",
      "tools", "user_limit", "conversation_limit", "reply_cadence", "allowed_users", "allowed_roles",
      "built_in_tools", "handoff");
  /** The keys under {@code handoff:}. */
  static final Set<String> HANDOFF_KEYS = Set.of("on_call_group", "quiet_for");

  private String systemPrompt;
  private String model;
  private List<String> fallbackModels;
  private boolean supportChannel;
  private Set<String> tools;
  private RequestLimit userLimit;
  private RequestLimit conversationLimit;
  private Duration replyCadence;
  private Set<String> allowedUsers;
  private Set<String> allowedRoles;
  private Set<String> builtInTools;
  private HandoffSettings handoff;
  /** Whether these are the defaults, which may set a quiet time for channels that name their group. */
  private final boolean defaults;

  ChannelSettingsDraft(ChannelSettings base) {
    this(base, false);
  }

  ChannelSettingsDraft(ChannelSettings base, boolean defaults) {
    this.defaults = defaults;
    systemPrompt = base.systemPrompt();
    model = base.model();
    fallbackModels = base.fallbackModels();
    supportChannel = base.supportChannel();
    tools = base.enabledTools();
    userLimit = base.userLimit();
    conversationLimit = base.conversationLimit();
    replyCadence = base.replyCadence();
    allowedUsers = base.allowedUsers();
    allowedRoles = base.allowedRoles();
    builtInTools = base.builtInTools();
    handoff = base.handoff();
  }

  /** Applies one key; returns what is wrong with its value, or null when it was applied. */
  String apply(String key, Node value) {
    try {
      switch (key) {
        case "system_prompt" -> systemPrompt = text(value);
        case "model" -> model = text(value);
        case "fallback_models" -> fallbackModels = texts(value);
        case "support_channel" -> supportChannel = ConfigValues.bool(text(value));
        case "tools" -> tools = tools(texts(value));
        case "user_limit" -> userLimit = ConfigValues.limit(text(value));
        case "conversation_limit" -> conversationLimit = ConfigValues.limit(text(value));
        case "reply_cadence" -> replyCadence = ConfigValues.duration(text(value));
        case "allowed_users" -> allowedUsers = ids(texts(value), "[UW][A-Z0-9]{2,}|\\d{5,20}");
        case "allowed_roles" -> allowedRoles = ids(texts(value), "\\d{5,20}");
        case "built_in_tools" -> builtInTools = builtInTools(texts(value));
        case "handoff" -> handoff = handoff(value);
        default -> throw new IllegalArgumentException("is not a setting");
      }
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  static String fixFor(String key) {
    return switch (key) {
      case "fallback_models" -> "write a list of model ids, like [llama-3.1-8b-instant]";
      case "support_channel" -> "write true or false";
      case "tools" -> "list tools from: " + String.join(", ", ParleyConfig.KNOWN_TOOLS)
          + ", or MCP tools as server__tool or server__*";
      case "user_limit", "conversation_limit" -> "write requests/window, like 20/1h, or unlimited";
      case "reply_cadence" -> "write a duration, like 500ms or 1s";
      case "allowed_users" -> "list user ids, like [U0123ABCD] on Slack or [123456789012345678] on Discord";
      case "allowed_roles" -> "list Discord role ids (Developer Mode > right-click the role > Copy Role ID)";
      case "built_in_tools" -> "list built-in tools from: " + String.join(", ", new TreeSet<>(BuiltInTools.NAMES))
          + ", or write [] for none";
      case "handoff" -> "write on_call_group: (a Slack user group id like S0123ABCD, or a Discord role id) and"
          + " optionally quiet_for: (like 4h), indented under handoff:; or handoff: off";
      default -> "write plain text";
    };
  }

  /**
   * {@code handoff:} with {@code on_call_group} and {@code quiet_for}, or {@code off} to turn off
   * what the defaults configured. Starts from the inherited handoff, so a channel may change only
   * its quiet time.
   */
  private HandoffSettings handoff(Node node) {
    if (node instanceof ScalarNode scalar) {
      if (scalar.getValue().strip().equalsIgnoreCase("off") || scalar.getValue().strip().equalsIgnoreCase("false")) {
        return HandoffSettings.OFF;
      }
      throw new IllegalArgumentException("must be a mapping with on_call_group, or off");
    }
    if (!(node instanceof MappingNode mapping)) throw new IllegalArgumentException("must be a mapping with on_call_group");
    String group = handoff.onCallGroup();
    Duration quietFor = handoff.quietFor();
    Set<String> seen = new java.util.HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
      if (!HANDOFF_KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown key '" + key + "'" + Suggestions.didYouMean(key, HANDOFF_KEYS));
      }
      if (!seen.add(key)) throw new IllegalArgumentException("key '" + key + "' appears twice");
      switch (key) {
        case "on_call_group" -> group = onCallGroup(text(tuple.getValueNode()));
        default -> quietFor = quietFor(text(tuple.getValueNode()));
      }
    }
    if (group == null && !defaults) {
      throw new IllegalArgumentException("on_call_group is missing: without it nobody can be called");
    }
    return new HandoffSettings(group, quietFor);
  }

  /** A Slack user group ({@code S…}, not a user {@code U…} or a channel) or a Discord role id. */
  private static String onCallGroup(String value) {
    String id = value.strip();
    if (id.matches("S[A-Z0-9]{2,}|\\d{5,20}")) return id;
    if (id.startsWith("@") || id.startsWith("<")) {
      throw new IllegalArgumentException("'" + id + "' is a mention or a handle; write the group's id instead");
    }
    throw new IllegalArgumentException("'" + id + "' is neither a Slack user group id (S…) nor a Discord role id");
  }

  private static Duration quietFor(String value) {
    Duration quiet = ConfigValues.duration(value);
    if (quiet.compareTo(Duration.ofMinutes(1)) < 0 || quiet.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("quiet_for must be between 1m and 7d (168h)");
    }
    return quiet;
  }

  ChannelSettings build() {
    return new ChannelSettings(systemPrompt, model, fallbackModels, supportChannel, tools,
        userLimit, conversationLimit, replyCadence, allowedUsers, allowedRoles, builtInTools, handoff);
  }

  private static Set<String> ids(List<String> values, String pattern) {
    for (String value : values) {
      if (!value.matches(pattern)) throw new IllegalArgumentException("'" + value + "' is not an id of the right kind");
    }
    return new LinkedHashSet<>(values);
  }

  private static Set<String> tools(List<String> names) {
    Set<String> tools = new LinkedHashSet<>();
    for (String name : names) {
      if (!ParleyConfig.KNOWN_TOOLS.contains(name) && !McpServerConfig.isMcpToolName(name)) {
        throw new IllegalArgumentException("unknown tool '" + name + "'"
            + Suggestions.didYouMean(name, ParleyConfig.KNOWN_TOOLS));
      }
      tools.add(name);
    }
    return tools;
  }

  /** Groq runs these itself, on the models that take them (see docs/operations.md). */
  private static Set<String> builtInTools(List<String> names) {
    Set<String> tools = new LinkedHashSet<>();
    for (String name : names) {
      if (!BuiltInTools.NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown built-in tool '" + name + "'"
            + Suggestions.didYouMean(name, BuiltInTools.NAMES));
      }
      tools.add(name);
    }
    return tools;
  }

  private static String text(Node node) {
    if (node instanceof ScalarNode scalar && !scalar.getValue().isBlank()) return scalar.getValue();
    throw new IllegalArgumentException("must be a single non-empty value");
  }

  /** A YAML list of plain values, or one comma-separated value. */
  private static List<String> texts(Node node) {
    if (node instanceof ScalarNode scalar) return ConfigValues.list(scalar.getValue());
    if (!(node instanceof SequenceNode sequence)) throw new IllegalArgumentException("must be a list");
    List<String> values = new ArrayList<>();
    for (Node item : sequence.getValue()) values.add(text(item));
    return values;
  }
}
