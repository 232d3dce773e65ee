package dev.parley.core.internal.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.status.StatusDeliveries.State;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InMemoryStatusDeliveriesTest extends StatusDeliveriesContractTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T09:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };
  private final InMemoryStatusDeliveries shared = new InMemoryStatusDeliveries(clock);

  @Override
  protected StatusDeliveries deliveries() {
    return shared;
  }

  @Test
  void aClaimLeftByADeadInstanceExpires() {
    shared.claim("jira:SUP-1", "j-1:closed", "closed:Done:1");

    now.set(now.get().plus(StatusDeliveries.PENDING_TTL).plusSeconds(1));

    assertThat(shared.claim("jira:SUP-1", "j-1:closed", "closed:Done:1").state()).isEqualTo(State.CLAIMED);
  }

  @Test
  void aDoneChangeIsRememberedForDays() {
    var claim = shared.claim("jira:SUP-1", "j-1:closed", "closed:Done:1");
    shared.confirm("jira:SUP-1", "j-1:closed", "closed:Done:1", claim.token());

    now.set(now.get().plus(StatusDeliveries.DONE_TTL).minusSeconds(1));

    assertThat(shared.claim("jira:SUP-1", "j-1:closed", "closed:Done:1").state()).isEqualTo(State.DONE);
  }
}
