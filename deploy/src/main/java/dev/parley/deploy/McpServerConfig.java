package dev.parley.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.api.RedactedUrl;
import dev.parley.core.internal.tools.mcp.McpServerSpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * MCP servers from the YAML file's {@code mcp_servers:} list or from {@code PARLEY_MCP_SERVERS}
 * (a JSON array of the same entries), validated into {@link McpServerSpec}s:
 *
 * <pre>
 * mcp_servers:
 *   - name: wiki                     # tools are offered as wiki__&lt;tool&gt;
 *     command: npx
 *     args: [-y, "@acme/wiki-mcp@1.4.2"]
 *     env: {WIKI_TOKEN: "${WIKI_TOKEN}"}
 *   - name: crm
 *     url: https://crm.example.com/mcp
 *     headers: {Authorization: "Bearer ${CRM_TOKEN}"}
 *     timeout: 10s                   # per call; default 20s, at most 30s
 *     max_result_bytes: 64KiB        # default 32KiB
 * </pre>
 *
 * <p>Values of {@code env} and {@code headers} are secrets: {@code ${NAME}} in them is replaced
 * by Parley's environment variable {@code NAME}, so the file itself need not hold a token, and no
 * problem report ever shows one.
 */
final class McpServerConfig {
  static final Set<String> KEYS = Set.of("name", "command", "args", "env", "url", "headers", "timeout",
      "max_result_bytes");
  /** A tool of an MCP server as a channel names it: {@code server__tool}, or {@code server__*} for all. */
  private static final Pattern MCP_TOOL = Pattern.compile("(" + McpServerSpec.NAME.pattern() + ")__([a-zA-Z0-9_-]+|\\*)");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final String FIX_ENTRY = "see the MCP section of docs/operations.md";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One entry as read, before validation: plain maps, lists and strings, and where it was. */
  record Entry(String where, Object value) {}

  private final Map<String, String> env;
  private final List<ConfigProblem> problems;

  McpServerConfig(Map<String, String> env, List<ConfigProblem> problems) {
    this.env = env;
    this.problems = problems;
  }

  /** Whether a tool name in a channel's {@code tools:} has the shape of an MCP server's tool. */
  static boolean isMcpToolName(String name) {
    return name.length() <= 64 && MCP_TOOL.matcher(name).matches();
  }

  /** The server part of an MCP tool name. */
  static String serverOf(String toolName) {
    Matcher matcher = MCP_TOOL.matcher(toolName);
    return matcher.matches() ? matcher.group(1) : toolName;
  }

  // ---- reading ----

  /** The entries of the YAML file's {@code mcp_servers:} node. */
  static List<Entry> fromYaml(Node node, String fileName, List<ConfigProblem> problems) {
    List<Entry> entries = new ArrayList<>();
    if (!(node instanceof SequenceNode list)) {
      problems.add(new ConfigProblem(fileName + " line " + line(node), "'mcp_servers' must be a list of servers",
          "start each server with '- name: ...' (" + FIX_ENTRY + ")"));
      return entries;
    }
    for (Node item : list.getValue()) entries.add(new Entry(fileName + " line " + line(item), plain(item)));
    return entries;
  }

  /** The entries of {@code PARLEY_MCP_SERVERS}. */
  List<Entry> fromJson(String json) {
    List<Entry> entries = new ArrayList<>();
    Object parsed;
    try {
      parsed = JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      // The parser's message may quote the text, which holds secrets: only the position is shown.
      problem(Setting.PARLEY_MCP_SERVERS.name(), "is not valid JSON (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ")", "write a JSON array such as [{\"name\":\"wiki\",\"url\":\"https://...\"}]");
      return entries;
    }
    if (!(parsed instanceof List<?> list)) {
      problem(Setting.PARLEY_MCP_SERVERS.name(), "must be a JSON array of servers", "wrap the servers in [ ]");
      return entries;
    }
    for (int i = 0; i < list.size(); i++) entries.add(new Entry(Setting.PARLEY_MCP_SERVERS.name() + "[" + i + "]", list.get(i)));
    return entries;
  }

  // ---- validation ----

  List<McpServerSpec> specs(List<Entry> entries) {
    List<McpServerSpec> specs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Entry entry : entries) {
      McpServerSpec spec = spec(entry);
      if (spec == null) continue;
      if (!names.add(spec.name())) {
        problem(entry.where(), "the server name '" + spec.name() + "' appears twice", "give each server its own name");
      } else {
        specs.add(spec);
      }
    }
    return specs;
  }

  private McpServerSpec spec(Entry entry) {
    String where = entry.where();
    if (!(entry.value() instanceof Map<?, ?> map)) {
      problem(where, "a server must be a mapping with 'name' and either 'command' or 'url'", FIX_ENTRY);
      return null;
    }
    int before = problems.size();
    for (Object key : map.keySet()) {
      if (!KEYS.contains(String.valueOf(key))) {
        problem(where, "unknown key '" + key + "'" + Suggestions.didYouMean(String.valueOf(key), KEYS),
            "use one of: " + String.join(", ", new TreeSet<>(KEYS)));
      }
    }
    String name = text(map, "name", where);
    if (name != null && !McpServerSpec.NAME.matcher(name).matches()) {
      problem(where, "the server name '" + name + "' cannot prefix tool names",
          "use 1 to 20 letters, digits or hyphens, such as wiki or crm-eu (tools are offered as name__tool)");
    }
    McpServerSpec.Transport transport = transport(map, where);
    Duration timeout = map.containsKey("timeout") ? parsed(where, "timeout", () -> ConfigValues.duration(
        String.valueOf(map.get("timeout"))), "write a duration of at most 30s, such as 10s") : McpServerSpec.DEFAULT_CALL_TIMEOUT;
    Long maxResult = map.containsKey("max_result_bytes") ? parsed(where, "max_result_bytes", () -> ConfigValues.bytes(
        String.valueOf(map.get("max_result_bytes"))), "write a size of at most 256KiB, such as 32KiB")
        : Long.valueOf(McpServerSpec.DEFAULT_MAX_RESULT_BYTES);
    if (timeout != null && (timeout.isZero() || timeout.compareTo(McpServerSpec.MAX_CALL_TIMEOUT) > 0)) {
      problem(where, "'timeout' must be longer than 0 and at most " + McpServerSpec.MAX_CALL_TIMEOUT.toSeconds()
          + "s, the time the engine gives a round of tool calls", "write a duration such as 20s");
    }
    if (maxResult != null && (maxResult < 1 || maxResult > McpServerSpec.MAX_RESULT_BYTES)) {
      problem(where, "'max_result_bytes' must be between 1 byte and 256KiB", "write a size such as 32KiB");
    }
    if (problems.size() > before || name == null || transport == null || timeout == null || maxResult == null) return null;
    try {
      return new McpServerSpec(name, transport, timeout, (int) Math.min(Integer.MAX_VALUE, maxResult));
    } catch (IllegalArgumentException e) {
      problem(where, e.getMessage(), FIX_ENTRY);
      return null;
    }
  }

  private McpServerSpec.Transport transport(Map<?, ?> map, String where) {
    boolean stdio = map.containsKey("command");
    boolean http = map.containsKey("url");
    if (stdio == http) {
      problem(where, stdio ? "has both 'command' and 'url'" : "has neither 'command' nor 'url'",
          "give 'command' (and 'args', 'env') for a local server, or 'url' (and 'headers') for a remote one");
      return null;
    }
    if (stdio) {
      if (map.containsKey("headers")) problem(where, "'headers' go with 'url', not with 'command'", "use 'env' for a local server");
      String command = text(map, "command", where);
      List<String> args = strings(map.get("args"), where);
      Map<String, String> variables = secrets(map.get("env"), "env", where, "[A-Za-z_][A-Za-z0-9_]*");
      return command == null || args == null || variables == null ? null : new McpServerSpec.Stdio(command, args, variables);
    }
    if (map.containsKey("env") || map.containsKey("args")) {
      problem(where, "'args' and 'env' go with 'command', not with 'url'", "send what the server needs in 'headers'");
    }
    String url = text(map, "url", where);
    Map<String, String> headers = secrets(map.get("headers"), "headers", where, "[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    if (url == null || headers == null) return null;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      try {
        HttpRequest.newBuilder().header(header.getKey(), header.getValue()); // as the SDK's client will
      } catch (IllegalArgumentException e) {
        // The JDK's message may quote the value: only the header's name is shown.
        problem(where, "header '" + header.getKey() + "' cannot be sent",
            "use headers an HTTP client may set (not Host, Connection or Content-Length), without line breaks");
        return null;
      }
    }
    try {
      URI parsed = ConfigValues.url(url, Set.of("http", "https"));
      return new McpServerSpec.StreamableHttp(parsed, headers);
    } catch (IllegalArgumentException e) {
      problem(where, "'url' " + RedactedUrl.inText(String.valueOf(e.getMessage())), "write a full http(s) URL, such as https://crm.example.com/mcp");
      return null;
    }
  }

  /** A map of names to secret values, with {@code ${NAME}} replaced; null on a problem. */
  private Map<String, String> secrets(Object value, String key, String where, String namePattern) {
    Map<String, String> secrets = new LinkedHashMap<>();
    if (value == null) return secrets;
    if (!(value instanceof Map<?, ?> map)) {
      problem(where, "'" + key + "' must map names to values", "write it like " + key + ": {NAME: \"${NAME}\"}");
      return null;
    }
    boolean ok = true;
    for (Map.Entry<?, ?> item : map.entrySet()) {
      String name = String.valueOf(item.getKey());
      if (!name.matches(namePattern)) {
        problem(where, "'" + key + "' has a name that cannot be used: '" + name + "'", "use letters, digits and underscores");
        ok = false;
        continue;
      }
      if (item.getValue() instanceof Map || item.getValue() instanceof List || item.getValue() == null) {
        problem(where, "'" + key + "." + name + "' must be a single value", "write one value, such as \"${" + name + "}\"");
        ok = false;
        continue;
      }
      String resolved = resolve(String.valueOf(item.getValue()), key + "." + name, where);
      if (resolved == null) ok = false;
      else secrets.put(name, resolved);
    }
    return ok ? secrets : null;
  }

  private String resolve(String value, String what, String where) {
    Matcher matcher = VARIABLE.matcher(value);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String variable = env.get(matcher.group(1));
      if (variable == null || variable.isEmpty()) {
        problem(where, "'" + what + "' uses ${" + matcher.group(1) + "}, which is not set",
            "set the environment variable " + matcher.group(1) + " or change the value");
        return null;
      }
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(variable));
    }
    matcher.appendTail(resolved);
    return resolved.toString();
  }

  private String text(Map<?, ?> map, String key, String where) {
    Object value = map.get(key);
    if (value instanceof String text && !text.isBlank()) return text.trim();
    problem(where, value == null ? "'" + key + "' is missing" : "'" + key + "' must be a single non-empty value", FIX_ENTRY);
    return null;
  }

  private List<String> strings(Object value, String where) {
    if (value == null) return List.of();
    if (!(value instanceof List<?> list)) {
      problem(where, "'args' must be a list", "write it like args: [-y, \"@acme/wiki-mcp\"]");
      return null;
    }
    List<String> strings = new ArrayList<>();
    for (Object item : list) {
      if (item == null || item instanceof Map || item instanceof List) {
        problem(where, "'args' must hold single values", "write it like args: [--port, \"8080\"]");
        return null;
      }
      strings.add(String.valueOf(item));
    }
    return strings;
  }

  private <T> T parsed(String where, String key, Supplier<T> parser, String fix) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      problem(where, "'" + key + "' " + e.getMessage(), fix);
      return null;
    }
  }

  // ---- references from channels ----

  /** Reports every MCP tool a channel (or the defaults) names whose server is not configured. */
  void checkReferences(ChannelTable channels, List<McpServerSpec> servers) {
    Set<String> names = new HashSet<>();
    servers.forEach(s -> names.add(s.name()));
    check("the defaults (PARLEY_TOOLS or 'defaults:')", channels.defaults().enabledTools(), names);
    channels.channels().forEach((key, settings) -> check("channel '" + key + "'", settings.enabledTools(), names));
  }

  private void check(String who, Set<String> tools, Set<String> servers) {
    for (String tool : new TreeSet<>(tools)) {
      if (isMcpToolName(tool) && !servers.contains(serverOf(tool))) {
        problem(who.startsWith("channel") ? Setting.PARLEY_CONFIG.name() : who, who + " names tool '" + tool
            + "' of MCP server '" + serverOf(tool) + "', which is not configured",
            "add the server under mcp_servers (or PARLEY_MCP_SERVERS), or remove the tool");
      }
    }
  }

  private static Object plain(Node node) {
    return switch (node) {
      case ScalarNode scalar -> scalar.getValue();
      case SequenceNode sequence -> sequence.getValue().stream().map(McpServerConfig::plain).toList();
      case MappingNode mapping -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
          map.put(String.valueOf(plain(tuple.getKeyNode())), plain(tuple.getValueNode()));
        }
        yield map;
      }
      default -> null;
    };
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private void problem(String where, String problem, String fix) {
    problems.add(new ConfigProblem(where, problem, fix));
  }
}
