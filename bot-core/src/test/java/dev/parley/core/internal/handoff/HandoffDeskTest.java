package dev.parley.core.internal.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.HandoffSettings;
import dev.parley.core.api.HumanHandoff.Result;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.ThreadPoster;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.internal.tickets.InMemoryTicketStore;
import dev.parley.core.internal.tickets.TicketStore;
import dev.parley.core.testing.TestEngines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HandoffDeskTest {
  private static final HandoffSettings ON_CALL = new HandoffSettings("S0123", Duration.ofHours(4));
  private final ConversationKey key = new ConversationKey("slack", "T1", "C1", UUID.randomUUID().toString());
  private final InMemoryHandoffStore store = new InMemoryHandoffStore();
  private final InMemoryHistoryStore history = new InMemoryHistoryStore();
  private final InMemoryTicketStore tickets = new InMemoryTicketStore();
  private final List<Post> posts = new CopyOnWriteArrayList<>();

  private record Post(ConversationKey conversation, String text, String group) {}

  private final ThreadPoster poster = (conversation, text, group) -> posts.add(new Post(conversation, text, group));

  private HandoffDesk desk(ThreadPoster poster, TicketStore tickets, HandoffSettings handoff) {
    ChannelSettings settings = TestEngines.settings(true).withHandoff(handoff);
    return new HandoffDesk(store, tickets, history, k -> settings, poster, Clock.systemUTC());
  }

  private static HandoffDesk.Request byButton(ConversationKey key) {
    return new HandoffDesk.Request(key, "U1", "Ada", null, false, null, null);
  }

  @Test
  void aHandoffPingsTheConfiguredGroupOnceAndFilesTheTranscriptOnce() {
    history.append(key, List.of(Turn.user("my deploy is stuck", "U1", "Ada", Instant.now(), 5),
        Turn.assistant("Try restarting the runner.", Instant.now(), 5)));
    HandoffDesk desk = desk(poster, tickets, ON_CALL);

    Result first = desk.handOff(byButton(key));
    Result again = desk.handOff(byButton(key));

    assertThat(first.status()).isEqualTo(Result.Status.HANDED_OFF);
    assertThat(again.status()).isEqualTo(Result.Status.ALREADY_HANDED_OFF);
    assertThat(posts).singleElement().satisfies(post -> {
      assertThat(post.group()).isEqualTo("S0123");
      assertThat(post.conversation()).isEqualTo(key);
      assertThat(post.text()).startsWith("Ada asked to talk to a person. Ticket SUP-1 has the conversation so far.")
          .contains("\"@Parley resume\"", "4 hours");
    });
    Ticket ticket = tickets.find(key.tenantScope(), "SUP-1").orElseThrow();
    assertThat(ticket.title()).isEqualTo("Handoff: my deploy is stuck");
    assertThat(ticket.priority()).isEqualTo("high");
    assertThat(ticket.description()).contains("Ada: my deploy is stuck\nParley: Try restarting the runner.");
    assertThat(tickets.find(key.tenantScope(), "SUP-2")).isEmpty();
    assertThat(desk.isQuiet(key)).isTrue();
  }

  @Test
  void whereNoGroupIsConfiguredNothingHappens() {
    HandoffDesk desk = desk(poster, tickets, HandoffSettings.OFF);

    assertThat(desk.handOff(byButton(key))).isEqualTo(Result.NOT_CONFIGURED);
    assertThat(desk.offeredIn(key)).isFalse();
    assertThat(posts).isEmpty();
    assertThat(desk.isQuiet(key)).isFalse();
  }

  @Test
  void aPostThePlatformRefusedLeavesTheThreadAnsweredAndTheAskerTold() {
    HandoffDesk desk = desk((c, t, g) -> {
      throw new ThreadPoster.ThreadPostException("channel_not_found", null);
    }, tickets, ON_CALL);

    Result result = desk.handOff(byButton(key));

    assertThat(result.status()).isEqualTo(Result.Status.FAILED);
    assertThat(desk.isQuiet(key)).isFalse();
  }

  @Test
  void aTicketBackendThatFailsStillCallsPeople() {
    TicketStore broken = new TicketStore() {
      @Override
      public Ticket create(NewTicket ticket, String idempotencyKey) {
        throw new IllegalStateException("tracker down");
      }

      @Override
      public Optional<Ticket> find(String tenantScope, String id) {
        return Optional.empty();
      }
    };

    Result result = desk(poster, broken, ON_CALL).handOff(byButton(key));

    assertThat(result.status()).isEqualTo(Result.Status.HANDED_OFF);
    assertThat(posts).singleElement().extracting(Post::text).asString().contains("could not be filed");
  }

  @Test
  void theTranscriptKeepsTheNewestTurnsWithinATicketsBound() {
    List<Turn> turns = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      turns.add(Turn.user("question " + i + " " + "x".repeat(400), "U1", null, Instant.now(), 100));
    }

    String description = HandoffTranscript.description(turns, "needs a refund", "summary", "https://example/p");

    assertThat(description.codePointCount(0, description.length())).isLessThanOrEqualTo(NewTicket.MAX_DESCRIPTION);
    assertThat(description).startsWith("Reason: needs a refund\nSummary: summary\nThread: https://example/p\n")
        .contains("U1: question 39").doesNotContain("question 0 ");
    assertThat(HandoffTranscript.title(List.of(), "needs a refund")).isEqualTo("Handoff: needs a refund");
  }

  @Test
  void quietTimesReadNaturally() {
    assertThat(HandoffDesk.readable(Duration.ofHours(4))).isEqualTo("4 hours");
    assertThat(HandoffDesk.readable(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    assertThat(HandoffDesk.readable(Duration.ofDays(1))).isEqualTo("1 day");
  }
}
