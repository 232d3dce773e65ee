package dev.parley.core.internal.tools.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reference MCP server {@code @modelcontextprotocol/server-everything} from the npm registry,
 * at the version pinned with its whole dependency tree in
 * {@code src/test/resources/mcp/server-everything/package-lock.json}. The first test that needs it
 * installs it with {@code npm ci} into {@code target/mcp-everything}, so a clean clone needs only
 * Node and npm; later tests and runs reuse the install. Public for the deploy module's tests
 * through the jar, which install it under their own {@code target}.
 */
public final class EverythingServer {
  static final String VERSION = "2026.8.31";
  private static final Path DIR = Path.of("target", "mcp-everything").toAbsolutePath();
  private static final Path INDEX = DIR.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private EverythingServer() {}

  /** Its stdio command, installed first if need be. */
  public static McpServerSpec.Stdio stdio(Map<String, String> env) {
    install();
    return new McpServerSpec.Stdio("node", List.of(INDEX.toString(), "stdio"), env);
  }

  /** Whether {@code process} is one this class starts: node running the installed server. */
  static boolean isServerProcess(ProcessHandle process) {
    return process.info().arguments().map(args -> List.of(args).contains(INDEX.toString())).orElse(false);
  }

  private static synchronized void install() {
    if (Files.isRegularFile(INDEX) && Files.isRegularFile(DIR.resolve(".installed-" + VERSION))) return;
    try {
      Files.createDirectories(DIR);
      copy("package.json");
      copy("package-lock.json");
      Path log = DIR.resolve("npm-install.log");
      Process npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
          .directory(DIR.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm ci did not finish within " + INSTALL_TIMEOUT);
      }
      if (npm.exitValue() != 0 || !Files.isRegularFile(INDEX)) {
        throw new IllegalStateException("npm ci failed (exit " + npm.exitValue() + "):\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      Files.writeString(DIR.resolve(".installed-" + VERSION), VERSION);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the MCP server with npm; are node and npm on PATH?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing the MCP server", e);
    }
  }

  private static void copy(String name) throws IOException {
    try (InputStream in = EverythingServer.class.getResourceAsStream("/mcp/server-everything/" + name)) {
      if (in == null) throw new IOException("test resource mcp/server-everything/" + name + " is missing");
      Files.copy(in, DIR.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
