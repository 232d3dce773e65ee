package dev.parley.deploy;

import java.util.List;

/**
 * Creates the platform runners for a configuration. The seam between the wiring and the adapters:
 * tests and the console pass their own, production uses {@link DefaultPlatforms}.
 */
@FunctionalInterface
interface Platforms {

  /**
   * The runners to start, not yet started. Called before {@code ops} serves, and before the stores
   * and the engine exist, so it must be quick and do no I/O. A platform that serves HTTP (Slack's
   * Events API) mounts its route on {@code ops} here, answering 503 until it has started.
   */
  List<PlatformRunner> create(ParleyConfig config, OpsServer ops);
}
