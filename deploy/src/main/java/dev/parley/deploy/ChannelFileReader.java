package dev.parley.deploy;

import dev.parley.core.api.ChannelSettings;
import java.io.Reader;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the per-channel YAML file named by {@code PARLEY_CONFIG}:
 *
 * <pre>
 * defaults:
 *   model: llama-3.3-70b-versatile
 * channels:
 *   "slack:T0123:C0456":      # platform:tenant:channel
 *     support_channel: true
 *   "C0789":                  # or a bare channel id
 *     tools: [lookup_ticket]
 *   "C0999":
 *     model: openai/gpt-oss-120b
 *     built_in_tools: [browser_search]   # run by Groq; none unless named
 *   "C0777":
 *     tickets:                # see TicketRouteReader
 *       backend: github
 *       github_repo: acme/payments
 *   "C0888":
 *     tools: [wiki__search, crm__*]      # tools of MCP servers: one, or all of a server
 * mcp_servers:                           # see McpServerConfig
 *   - name: wiki
 *     command: wiki-mcp
 *   "C0SUPPORT":
 *     support_channel: true
 *     handoff:                           # "Talk to a person" and escalate_to_human
 *       on_call_group: S0123ABCD         # a Slack user group id, or a Discord role id
 *       quiet_for: 4h
 * </pre>
 *
 * It works on SnakeYAML's node tree rather than plain maps so that every problem carries its
 * line. Problems are collected, never thrown, so the operator sees all of them at once.
 */
final class ChannelFileReader {
  private static final Set<String> TOP_KEYS = Set.of("defaults", "channels", "mcp_servers");

  private final String fileName;
  private final List<ConfigProblem> problems;
  private List<McpServerConfig.Entry> mcpServers = List.of();
  private final TicketRouteReader tickets;

  ChannelFileReader(String fileName, List<ConfigProblem> problems) {
    this(fileName, problems, null);
  }

  /** @param tickets reads each {@code tickets:} key; null when the file may not have one */
  ChannelFileReader(String fileName, List<ConfigProblem> problems, TicketRouteReader tickets) {
    this.fileName = fileName;
    this.problems = problems;
    this.tickets = tickets;
  }

  /** Reads the file on top of {@code base}; on problems, returns what could be read. */
  ChannelTable read(Reader in, ChannelSettings base) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(in);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      report(line, "the file is not valid YAML: " + e.getProblem(),
          "check the indentation and quoting near that line");
      return new ChannelTable(base, Map.of());
    } catch (YAMLException e) {
      report(1, "the file is not valid YAML", "check the file's syntax");
      return new ChannelTable(base, Map.of());
    }
    if (root == null) return new ChannelTable(base, Map.of());
    if (!(root instanceof MappingNode mapping)) {
      report(line(root), "the file must be a mapping with 'defaults' and 'channels'", "see docs/operations.md");
      return new ChannelTable(base, Map.of());
    }
    Map<String, Node> top = entries(mapping, TOP_KEYS);
    if (top.containsKey("mcp_servers")) mcpServers = McpServerConfig.fromYaml(top.get("mcp_servers"), fileName, problems);
    ChannelSettings defaults = top.containsKey("defaults") ? overrides(null, top.get("defaults"), base, true) : base;
    Map<String, ChannelSettings> channels = top.containsKey("channels")
        ? channels(top.get("channels"), defaults) : Map.of();
    return new ChannelTable(defaults, channels);
  }

  /** The entries of {@code mcp_servers:} found by {@link #read}, not yet validated (see {@link McpServerConfig}). */
  List<McpServerConfig.Entry> mcpServers() {
    return mcpServers;
  }

  private Map<String, ChannelSettings> channels(Node node, ChannelSettings defaults) {
    Map<String, ChannelSettings> channels = new LinkedHashMap<>();
    if (!(node instanceof MappingNode mapping)) {
      report(line(node), "'channels' must map channel keys to settings", "indent each channel under 'channels:'");
      return channels;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalar(tuple.getKeyNode());
      if (key == null) continue;
      if (!validChannelKey(key)) {
        report(line(tuple.getKeyNode()), "channel key '" + key + "' is neither platform:tenant:channel nor a channel id",
            "write it like \"slack:T0123:C0456\", \"discord:123456:789012\" or just the channel id");
        continue;
      }
      if (channels.containsKey(key)) {
        report(line(tuple.getKeyNode()), "channel '" + key + "' appears twice", "merge the two entries into one");
        continue;
      }
      ChannelSettings settings = overrides(key, tuple.getValueNode(), defaults, false);
      checkOnCallGroup(key, settings, line(tuple.getKeyNode()));
      channels.put(key, settings);
    }
    return channels;
  }

  /** @param channel the channel key, or null for {@code defaults} */
  private ChannelSettings overrides(String channel, Node node, ChannelSettings base, boolean isDefaults) {
    if (!(node instanceof MappingNode mapping)) {
      report(line(node), "expected settings such as 'model:' here", "indent the settings under their key");
      return base;
    }
    ChannelSettingsDraft draft = new ChannelSettingsDraft(base, isDefaults);
    Set<String> known = new HashSet<>(ChannelSettingsDraft.KEYS);
    if (tickets != null) known.add(TicketRouteReader.KEY);
    Map<String, Node> entries = entries(mapping, known);
    Node ticketsNode = entries.remove(TicketRouteReader.KEY);
    if (ticketsNode != null) {
      String where = fileName + " line " + line(ticketsNode);
      if (channel == null) tickets.readDefaults(ticketsNode, where);
      else tickets.readChannel(channel, ticketsNode, where);
    }
    entries.forEach((key, value) -> {
      String problem = draft.apply(key, value);
      if (problem != null) report(line(value), "'" + key + "': " + problem, ChannelSettingsDraft.fixFor(key));
    });
    return draft.build();
  }

  /** The mapping's entries with known keys; unknown or repeated keys are reported. */
  private Map<String, Node> entries(MappingNode mapping, Set<String> known) {
    Map<String, Node> entries = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalar(tuple.getKeyNode());
      if (key == null) continue;
      int line = line(tuple.getKeyNode());
      if (!known.contains(key)) {
        report(line, "unknown key '" + key + "'" + Suggestions.didYouMean(key, known),
            "use one of: " + String.join(", ", new java.util.TreeSet<>(known)));
      } else if (!seen.add(key)) {
        report(line, "key '" + key + "' appears twice", "keep only one of them");
      } else {
        entries.put(key, tuple.getValueNode());
      }
    }
    return entries;
  }

  private String scalar(Node node) {
    if (node instanceof ScalarNode scalar) return scalar.getValue();
    report(line(node), "a key must be plain text", "quote the key");
    return null;
  }

  /**
   * A channel named with its platform must call a group of that platform: a Discord role id
   * cannot ping anyone in Slack, nor a Slack user group in Discord.
   */
  private void checkOnCallGroup(String key, ChannelSettings settings, int line) {
    String group = settings.handoff().onCallGroup();
    if (group == null) return;
    boolean slackGroup = group.startsWith("S");
    if (key.startsWith("slack:") && !slackGroup) {
      report(line, "channel '" + key + "' is a Slack channel but its handoff on_call_group '" + group
          + "' is not a Slack user group id", "write the user group's id, like S0123ABCD");
    } else if (key.startsWith("discord:") && slackGroup) {
      report(line, "channel '" + key + "' is a Discord channel but its handoff on_call_group '" + group
          + "' is not a Discord role id", "write the role's id (Developer Mode > right-click the role > Copy Role ID)");
    }
  }

  private static boolean validChannelKey(String key) {
    String[] parts = key.split(":", -1);
    if (parts.length != 1 && parts.length != 3) return false;
    for (String part : parts) {
      if (part.isBlank() || part.matches(".*[{}\\s].*")) return false;
    }
    return parts.length == 1 || List.of("slack", "discord", "console").contains(parts[0]);
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private void report(int line, String problem, String fix) {
    problems.add(new ConfigProblem(fileName + " line " + line, problem, fix));
  }
}
