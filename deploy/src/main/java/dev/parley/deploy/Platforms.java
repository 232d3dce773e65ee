package dev.parley.deploy;

import java.util.List;

/**
 * Creates the platform runners for a configuration. The seam between the wiring and the adapters:
 * tests and the console pass their own, production uses {@link DefaultPlatforms}.
 */
@FunctionalInterface
interface Platforms {

  /**
   * The runners to start, not yet started. A platform that serves HTTP (Slack's Events API) mounts
   * its handler on {@code ops}.
   */
  List<PlatformRunner> create(ParleyConfig config, OpsServer ops);
}
