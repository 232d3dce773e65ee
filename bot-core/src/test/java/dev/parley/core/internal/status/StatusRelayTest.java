package dev.parley.core.internal.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.ThreadPoster;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.status.StatusRelay.Outcome;
import dev.parley.core.internal.status.TrackerChange.Kind;
import dev.parley.core.testing.MapTicketOrigins;
import dev.parley.core.testing.StatusPostRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusRelayTest {
  private static final ConversationKey THREAD = new ConversationKey("slack", "T1", "C1", "1732791000.000100");
  private static final Ticket TICKET = new Ticket("SUP-3", "Login 500", "", "high", "open", "U1", "Ada", THREAD, null,
      Instant.EPOCH);

  private final MapTicketOrigins origins = new MapTicketOrigins().with("github", "acme/support#7", TICKET);
  private final StatusPostRecorder poster = new StatusPostRecorder();
  private final StatusDeliveries deliveries = new InMemoryStatusDeliveries(Clock.systemUTC());
  private final StatusRelay relay = new StatusRelay(origins, poster, deliveries, Duration.ofSeconds(5),
      List.of(Duration.ZERO, Duration.ZERO));

  @AfterEach
  void close() {
    relay.close();
  }

  @Test
  void postsAChangeIntoTheTicketsThreadPingingNobody() {
    assertThat(relay.relay(closed("d-1"))).isEqualTo(Outcome.POSTED);

    assertThat(poster.posts()).singleElement().satisfies(post -> {
      assertThat(post.conversation()).isEqualTo(THREAD);
      assertThat(post.text()).startsWith("Ticket SUP-3 (acme/support#7) was closed");
      assertThat(post.onCallGroupId()).isNull();
    });
  }

  @Test
  void postsARedeliveredOrDoublyHookedChangeOnce() {
    relay.relay(closed("d-1"));

    assertThat(relay.relay(closed("d-1"))).isEqualTo(Outcome.ALREADY_POSTED);
    assertThat(relay.relay(closed("d-2"))).isEqualTo(Outcome.ALREADY_POSTED);
    assertThat(poster.posts()).hasSize(1);
  }

  @Test
  void ignoresAnIssueParleyDidNotMake() {
    TrackerChange other = new TrackerChange("github", "acme/support#8", "d-1", Kind.CLOSED, "completed", "octocat", "",
        "t1", false);

    assertThat(relay.relay(other)).isEqualTo(Outcome.IGNORED);
    assertThat(poster.attempts()).isZero();
  }

  @Test
  void doesNotEchoACommentParleyWrote() {
    TrackerChange own = new TrackerChange("github", "acme/support#7", "d-1", Kind.COMMENTED, "transcript", "parley-bot",
        "", "c-1", true);

    assertThat(relay.relay(own)).isEqualTo(Outcome.IGNORED);
    assertThat(poster.attempts()).isZero();
  }

  @Test
  void retriesARefusedPostWithinTheDeadline() {
    poster.refuseNext(2);

    assertThat(relay.relay(closed("d-1"))).isEqualTo(Outcome.POSTED);
    assertThat(poster.attempts()).isEqualTo(3);
    assertThat(poster.posts()).hasSize(1);
  }

  @Test
  void aFailedPostIsNotMarkedDoneSoTheRedeliveryPostsIt() {
    poster.refuseNext(3);

    assertThat(relay.relay(closed("d-1"))).isEqualTo(Outcome.FAILED);
    assertThat(poster.posts()).isEmpty();

    assertThat(relay.relay(closed("d-1"))).isEqualTo(Outcome.POSTED);
    assertThat(poster.posts()).hasSize(1);
  }

  @Test
  void aPostPastTheDeadlineFinishesAndIsThenKnownAsDone() throws Exception {
    CountDownLatch platformAnswers = new CountDownLatch(1);
    ThreadPoster slow = (conversation, text, group) -> {
      try {
        platformAnswers.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      poster.post(conversation, text, group);
    };
    try (StatusRelay impatient = new StatusRelay(origins, slow, deliveries, Duration.ofMillis(50), List.of())) {
      assertThat(impatient.relay(closed("d-1"))).isEqualTo(Outcome.IN_PROGRESS);
      assertThat(impatient.relay(closed("d-1"))).as("meanwhile").isEqualTo(Outcome.IN_PROGRESS);

      platformAnswers.countDown();
      poster.awaitPosts(1);

      await().atMost(Duration.ofSeconds(5))
          .until(() -> impatient.relay(closed("d-1")) == Outcome.ALREADY_POSTED);
      assertThat(poster.posts()).hasSize(1);
    }
  }

  @Test
  void saysTheWorstOutcomeOfADeliverysChanges() {
    TrackerChange assigned = new TrackerChange("github", "acme/support#7", "d-1", Kind.ASSIGNED, "hubot", "", "", "t1",
        false);
    relay.relay(closed("d-0"));
    poster.refuseNext(3);

    assertThat(relay.relayAll(List.of(closed("d-1"), assigned))).isEqualTo(Outcome.FAILED);
  }

  private static TrackerChange closed(String delivery) {
    return new TrackerChange("github", "acme/support#7", delivery, Kind.CLOSED, "completed", "octocat",
        "https://github.com/acme/support/issues/7", "2026-11-30T09:12:40Z", false);
  }
}
