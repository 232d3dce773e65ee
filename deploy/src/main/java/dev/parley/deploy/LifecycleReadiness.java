package dev.parley.deploy;

import java.util.Optional;

/**
 * The process's own part of {@code /readyz}: not ready while it starts (the HTTP server answers
 * before the platforms are registered, and an empty check list must not read as ready), ready
 * while it runs, and not ready again once shutdown began.
 */
final class LifecycleReadiness implements ReadinessCheck {
  private enum Phase { STARTING, RUNNING, STOPPING }

  private volatile Phase phase = Phase.STARTING;

  void running() {
    phase = Phase.RUNNING;
  }

  void stopping() {
    phase = Phase.STOPPING;
  }

  @Override
  public String name() {
    return "parley";
  }

  @Override
  public Optional<String> problem() {
    return switch (phase) {
      case STARTING -> Optional.of("starting");
      case RUNNING -> Optional.empty();
      case STOPPING -> Optional.of("shutting down");
    };
  }
}
