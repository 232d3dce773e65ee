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
    config.slack().ifPresent(s -> {
      throw new InvalidConfigException(List.of(new ConfigProblem(Setting.SLACK_BOT_TOKEN.name(),
          "Slack is configured, but this build of Parley has no Slack runner",
          "build Parley from a version that includes the slack-adapter module, or unset the Slack settings")));
    });
    List<PlatformRunner> platforms = new ArrayList<>();
    config.discord().ifPresent(discord -> platforms.add(new DiscordPlatform(discord)));
    return platforms;
  }
}
