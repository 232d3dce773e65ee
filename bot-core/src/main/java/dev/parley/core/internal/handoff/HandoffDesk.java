package dev.parley.core.internal.handoff;

import dev.parley.core.api.ChannelSettingsResolver;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.HandoffSettings;
import dev.parley.core.api.HumanHandoff.Result;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.ThreadPoster;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.history.HistoryStore;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.internal.tickets.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands threads to people, whoever asked (the "Talk to a person" button or the model's
 * {@code escalate_to_human}), and takes them back on {@code resume}. A handoff:
 *
 * <ol>
 *   <li>begins in the {@link HandoffStore}, atomically across instances: a second request while
 *       one is under way finds it and does nothing more, so nobody is pinged twice;
 *   <li>files the thread's transcript through {@link TicketStore#create}, keyed by the conversation
 *       and the handoff's start, so a repeated request never files twice;
 *   <li>posts the one message that pings the channel's configured on-call group, through the
 *       {@link ThreadPoster}; the group comes from configuration, never from the model.
 * </ol>
 *
 * When the post fails nobody was called, so the thread is not left quiet: the handoff ends and the
 * asker is told. A ticket that cannot be filed does not stop the handoff: people are called
 * anyway, and the message says the ticket is missing. Thread-safe.
 */
public final class HandoffDesk {
  private static final Logger log = LoggerFactory.getLogger(HandoffDesk.class);

  private final HandoffStore store;
  private final TicketStore tickets;
  private final HistoryStore history;
  private final ChannelSettingsResolver channels;
  private final ThreadPoster poster;
  private final Clock clock;

  public HandoffDesk(HandoffStore store, TicketStore tickets, HistoryStore history, ChannelSettingsResolver channels,
      ThreadPoster poster, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.history = Objects.requireNonNull(history, "history");
    this.channels = Objects.requireNonNull(channels, "channels");
    this.poster = Objects.requireNonNull(poster, "poster");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A request for people.
   *
   * @param byModel whether the model asked ({@code escalate_to_human}) rather than a person
   * @param reason why, in the model's or the person's words, or null; shown without pinging anyone
   * @param summary the model's summary of the problem, for the ticket, or null
   */
  public record Request(ConversationKey conversation, String requesterId, String requesterName, String permalink,
      boolean byModel, String reason, String summary) {
    public Request {
      Objects.requireNonNull(conversation, "conversation");
      Objects.requireNonNull(requesterId, "requesterId");
    }
  }

  /** Whether the channel of {@code key} has handoff configured: only there can a thread be quiet. */
  public boolean offeredIn(ConversationKey key) {
    return channels.settingsFor(key).handoff().enabled();
  }

  /**
   * Where the handoffs are kept. A turn reads it through its conversation line, in the step that
   * takes its place ({@code ConversationLine.enqueueUnlessHandedOff}), so that read costs no round
   * trip of its own.
   */
  public HandoffStore store() {
    return store;
  }

  /** Whether Parley stays quiet in this thread now; one small store read. */
  public boolean isQuiet(ConversationKey key) {
    return store.find(key).isPresent();
  }

  /** Ends the thread's handoff; false when there was none (it had run out, or never began). */
  public boolean resume(ConversationKey key) {
    boolean ended = store.end(key);
    if (ended) log.info("handoff ended by resume conversation={}", key);
    return ended;
  }

  public Result handOff(Request request) {
    ConversationKey key = request.conversation();
    HandoffSettings settings = channels.settingsFor(key).handoff();
    if (!settings.enabled()) return Result.NOT_CONFIGURED;
    HandoffStore.Begun begun = store.begin(key, clock.instant(), settings.quietFor());
    Optional<Ticket> ticket = file(request, begun.handoff());
    if (!begun.fresh()) {
      log.info("handoff already under way conversation={}", key);
      return new Result(Result.Status.ALREADY_HANDED_OFF, "People from the on-call team were already asked to"
          + " take over this thread" + ticket.map(t -> " (ticket " + t.id() + ")").orElse("") + ".");
    }
    try {
      poster.post(key, announcement(request, ticket, settings.quietFor()), settings.onCallGroup());
    } catch (RuntimeException e) {
      // Nobody was called: staying quiet would leave the person alone with nobody coming.
      store.end(key);
      log.warn("handoff message could not be posted; handoff ended conversation={}", key, e);
      return new Result(Result.Status.FAILED, "I could not reach the on-call team. Please try again in a moment.");
    }
    log.info("handed off to people conversation={} byModel={} ticket={}", key, request.byModel(),
        ticket.map(Ticket::id).orElse("none"));
    return new Result(Result.Status.HANDED_OFF, "The on-call team was asked to take over"
        + ticket.map(t -> "; ticket " + t.id() + " has the conversation so far").orElse("") + ".");
  }

  private Optional<Ticket> file(Request request, HandoffStore.Handoff handoff) {
    ConversationKey key = request.conversation();
    try {
      List<Turn> turns = history.load(key);
      NewTicket ticket = new NewTicket(HandoffTranscript.title(turns, request.reason()),
          HandoffTranscript.description(turns, request.reason(), request.summary(), request.permalink()), "high",
          request.requesterId(), request.requesterName(), key, request.permalink());
      return Optional.of(tickets.create(ticket, key.asString() + "|handoff|" + handoff.since().toEpochMilli()));
    } catch (RuntimeException e) {
      log.warn("handoff ticket could not be filed conversation={}", key, e);
      return Optional.empty();
    }
  }

  /** What the on-call group reads under its ping. Adapters neutralise every mention in it. */
  static String announcement(Request request, Optional<Ticket> ticket, Duration quietFor) {
    String who = request.byModel() ? "I could not resolve this and asked for a person"
        : (request.requesterName() != null ? request.requesterName() : "Someone") + " asked to talk to a person";
    String reason = request.reason() == null || request.reason().isBlank() ? ""
        : ": " + HandoffTranscript.cut(request.reason().strip(), 300);
    return who + reason + ". "
        + ticket.map(t -> "Ticket " + t.id() + " has the conversation so far. ").orElse("The ticket could not be filed; the thread has the conversation. ")
        + "I will stay quiet in this thread until someone writes \"@Parley resume\", or for " + readable(quietFor) + ".";
  }

  static String readable(Duration duration) {
    long minutes = Math.max(1, duration.toMinutes());
    if (minutes % (60 * 24) == 0) return plural(minutes / (60 * 24), "day");
    if (minutes % 60 == 0) return plural(minutes / 60, "hour");
    return plural(minutes, "minute");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
