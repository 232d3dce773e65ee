package dev.parley.core.internal.tools.mcp;

import dev.parley.core.api.RedactedUrl;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One MCP server Parley connects to as a client: its name, how to reach it, and the bounds of a
 * call. {@link #toString()} is safe to log: environment and header values are secrets (API keys,
 * bearer tokens) and are never shown, only their names.
 *
 * @param name the server's name, the namespace of its tools ({@code name__tool}); see {@link #NAME}
 * @param transport a local command spoken to over stdio, or a Streamable HTTP endpoint
 * @param callTimeout how long one tool call may take before it becomes a tool error
 * @param maxResultBytes the most UTF-8 bytes of one call's result text; a larger result is a tool error
 */
public record McpServerSpec(String name, Transport transport, Duration callTimeout, int maxResultBytes) {
  /**
   * Letters, digits and hyphens, at most 20: no underscore, so the first {@code __} of a
   * namespaced tool name always ends the server's name, and at least 42 of the function name's
   * 64 characters stay for the tool's own name.
   */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,19}");
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(20);
  /**
   * The engine gives a whole round of tool calls 30 seconds; a longer call timeout would never
   * be reached, so it is refused at configuration time.
   */
  public static final Duration MAX_CALL_TIMEOUT = Duration.ofSeconds(30);
  /**
   * A result goes into the prompt and the stored history (256 KiB by default per conversation):
   * 32 KiB is a long wiki page, and leaves room for the rest of the conversation.
   */
  public static final int DEFAULT_MAX_RESULT_BYTES = 32 * 1024;
  public static final int MAX_RESULT_BYTES = 256 * 1024;

  public McpServerSpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a server name: use 1 to 20 letters, digits or hyphens");
    }
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (callTimeout.isNegative() || callTimeout.isZero() || callTimeout.compareTo(MAX_CALL_TIMEOUT) > 0) {
      throw new IllegalArgumentException("the call timeout must be longer than 0 and at most "
          + MAX_CALL_TIMEOUT.toSeconds() + "s");
    }
    if (maxResultBytes < 1 || maxResultBytes > MAX_RESULT_BYTES) {
      throw new IllegalArgumentException("the result cap must be between 1 byte and " + MAX_RESULT_BYTES / 1024 + "KiB");
    }
  }

  public McpServerSpec(String name, Transport transport) {
    this(name, transport, DEFAULT_CALL_TIMEOUT, DEFAULT_MAX_RESULT_BYTES);
  }

  /** How Parley reaches a server. */
  public sealed interface Transport permits Stdio, StreamableHttp {}

  /**
   * A server Parley starts as a child process and speaks to over stdin and stdout. The child
   * inherits nothing of Parley's environment (which holds Parley's own tokens) but the basics a
   * program needs to run (PATH, HOME, USER, LOGNAME, SHELL, TERM), plus {@code env}.
   */
  public record Stdio(String command, List<String> args, Map<String, String> env) implements Transport {
    public Stdio {
      Objects.requireNonNull(command, "command");
      if (command.isBlank()) throw new IllegalArgumentException("the command is empty");
      args = List.copyOf(args);
      env = Map.copyOf(env);
    }

    @Override
    public String toString() {
      return "Stdio[command=" + command + ", args=" + args + ", env=" + redacted(env) + "]";
    }
  }

  /** A server at a Streamable HTTP endpoint; {@code headers} go with every request. */
  public record StreamableHttp(URI url, Map<String, String> headers) implements Transport {
    public StreamableHttp {
      Objects.requireNonNull(url, "url");
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
        throw new IllegalArgumentException("the URL must be an http or https URL with a host");
      }
      if (url.getRawUserInfo() != null) {
        throw new IllegalArgumentException("the URL must not carry a user or password; send them in a header");
      }
      headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
      return "StreamableHttp[url=" + RedactedUrl.of(url) + ", headers=" + redacted(headers) + "]";
    }
  }

  private static Map<String, String> redacted(Map<String, String> secrets) {
    Map<String, String> shown = new LinkedHashMap<>();
    secrets.keySet().stream().sorted().forEach(key -> shown.put(key, "(redacted)"));
    return shown;
  }
}
