package dev.parley.core.testing.trackers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move by hand; starts at the real time so a signed request's timestamp is current. */
public final class TestClock extends Clock {
  private volatile Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

  public void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
