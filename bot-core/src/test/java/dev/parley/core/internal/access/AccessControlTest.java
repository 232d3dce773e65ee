package dev.parley.core.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.AccessRequest;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.observe.EngineObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessControlTest {
  private final MutableClock clock = new MutableClock();
  private final List<String> refused = new ArrayList<>();
  private final AccessControl access = new AccessControl(
      new AccessPolicy(Map.of("slack", new AccessPolicy.Lists(Set.of(), Set.of("C1"))), Set.of(), key -> null),
      new NoticeGate(Duration.ofHours(1), 100, clock),
      new EngineObserver() {
        @Override
        public void accessRefused(String platform, String reason) {
          refused.add(platform + "/" + reason);
        }
      });

  private static AccessRequest in(String channel, String user) {
    return new AccessRequest(new ConversationKey("slack", "T1", channel, "ask-" + user), "T1", List.of(channel), false,
        user, Set.of());
  }

  @Test
  void aRefusedPersonGetsOneNoticePerChannelAndPeriodAndEveryRefusalIsCounted() {
    assertThat(access.admit(in("C1", "U1"), true)).isEqualTo(AccessControl.Verdict.ALLOWED);
    assertThat(access.admit(in("C2", "U1"), true)).isEqualTo(AccessControl.Verdict.REFUSED_WITH_NOTICE);
    assertThat(access.admit(in("C2", "U1"), true)).isEqualTo(AccessControl.Verdict.REFUSED);
    assertThat(access.admit(in("C3", "U1"), true)).isEqualTo(AccessControl.Verdict.REFUSED_WITH_NOTICE);
    assertThat(access.admit(in("C2", "U2"), true)).isEqualTo(AccessControl.Verdict.REFUSED_WITH_NOTICE);

    clock.advance(Duration.ofMinutes(61));

    assertThat(access.admit(in("C2", "U1"), true)).isEqualTo(AccessControl.Verdict.REFUSED_WITH_NOTICE);
    assertThat(refused).hasSize(5).containsOnly("slack/channel");
  }

  @Test
  void aRefusedMessageNeverGetsANotice() {
    assertThat(access.admit(in("C2", "U1"), false)).isEqualTo(AccessControl.Verdict.REFUSED);
    assertThat(access.admit(in("C2", "U1"), true)).isEqualTo(AccessControl.Verdict.REFUSED_WITH_NOTICE);
  }

  @Test
  void withNoKnownAskerOnlyAnAdminMayControl() {
    AccessControl withAdmin = new AccessControl(new AccessPolicy(Map.of(), Set.of("slack:UA"), key -> null),
        EngineObserver.NONE);
    assertThat(withAdmin.mayControl("slack", "U1", null)).isFalse();
    assertThat(withAdmin.mayControl("slack", "UA", null)).isTrue();
    assertThat(withAdmin.mayControl("slack", "U1", "U1")).isTrue();
  }

  @Test
  void theNoticeGateForgetsTheLeastRecentlyUsedKeysBeyondItsCapacity() {
    NoticeGate gate = new NoticeGate(Duration.ofHours(1), 2, clock);
    assertThat(gate.tryPass("a")).isTrue();
    assertThat(gate.tryPass("b")).isTrue();
    assertThat(gate.tryPass("a")).isFalse();
    assertThat(gate.tryPass("c")).isTrue();
    assertThat(gate.tryPass("a")).isFalse();
    assertThat(gate.tryPass("b")).isTrue();
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
