package dev.parley.deploy;

import java.util.Map;
import java.util.Optional;

/** One dependency {@code /readyz} waits for. Implementations answer within a couple of seconds. */
interface ReadinessCheck {

  /** The name shown in {@code /readyz}'s body, such as {@code redis} or {@code slack}. */
  String name();

  /** Empty when ready; otherwise what is wrong, in words safe to show (no secrets). */
  Optional<String> problem();

  /**
   * How the parts of the dependency stand, shown under {@code details} in {@code /readyz} whether
   * or not it is ready, such as each MCP server's state; in words safe to show. Empty by default.
   */
  default Map<String, String> details() {
    return Map.of();
  }

  /** A platform is ready while it is connected. */
  static ReadinessCheck of(PlatformRunner platform) {
    return new ReadinessCheck() {
      @Override
      public String name() {
        return platform.name();
      }

      @Override
      public Optional<String> problem() {
        return platform.isConnected() ? Optional.empty() : Optional.of("not connected");
      }
    };
  }
}
