package dev.parley.deploy;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The platforms of a configuration: Slack and Discord when their tokens are set, the console when
 * neither is.
 */
final class DefaultPlatforms implements Platforms {
  private final InputStream consoleIn;
  private final PrintStream consoleOut;
  private final Runnable onConsoleEnd;

  /** @param onConsoleEnd runs when console input ends; production exits the process */
  DefaultPlatforms(InputStream consoleIn, PrintStream consoleOut, Runnable onConsoleEnd) {
    this.consoleIn = consoleIn;
    this.consoleOut = consoleOut;
    this.onConsoleEnd = onConsoleEnd;
  }

  @Override
  public List<PlatformRunner> create(ParleyConfig config, OpsServer ops) {
    if (config.consoleMode()) {
      return List.of(new ConsolePlatform(consoleIn, consoleOut, System.getProperty("user.name", "user"), onConsoleEnd));
    }
    List<PlatformRunner> platforms = new ArrayList<>();
    config.slack().ifPresent(slack -> platforms.add(new SlackPlatform(slack, ops)));
    config.discord().ifPresent(discord -> platforms.add(new DiscordPlatform(discord)));
    return platforms;
  }
}
