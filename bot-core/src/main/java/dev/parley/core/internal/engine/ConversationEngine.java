package dev.parley.core.internal.engine;

import dev.parley.core.api.BotCore;
import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.ChannelSettingsResolver;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.FeedbackRecorder;
import dev.parley.core.api.HumanHandoff;
import dev.parley.core.api.InMemoryStreamCheckpoints;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.RegenerateRequest;
import dev.parley.core.api.StreamCheckpoints;
import dev.parley.core.api.Submission;
import dev.parley.core.api.reply.ReplySink;
import dev.parley.core.api.reply.ReplySinkFactory;
import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.internal.access.NoticeGate;
import dev.parley.core.internal.handoff.HandoffDesk;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.internal.tickets.TicketQuota;
import dev.parley.core.internal.tickets.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation engine behind every platform. It deduplicates events, enforces request limits,
 * keeps one turn at a time per conversation in arrival order, and runs each answer on a virtual
 * thread so that thousands of conversations proceed in parallel. Build it with {@link #builder()}.
 */
public final class ConversationEngine implements Conversations, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);
  /** Characters of a message to a handed-off thread kept in the history. */
  static final int KEPT_WHILE_HANDED_OFF = 1_500;

  private final EngineParts parts;
  private final RequestGate gate;
  private final ConversationLine line;
  private final RequestLimiter limiter;
  private final ChannelSettingsResolver channelSettings;
  private final TicketStore tickets;
  private final TicketQuota ticketQuota;
  private final FeedbackStore feedback;
  private final StopBroadcast stops;
  private final NoticeGate limitNotices;
  private final AccessControl access;
  /** Null when handoff is not wired: then no thread is ever quiet. */
  private final HandoffDesk handoff;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledThreadPoolExecutor deadlines = deadlineTimer();
  private final Set<TurnTask> live = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<ConversationKey, Set<TurnTask>> byConversation = new ConcurrentHashMap<>();
  private volatile boolean accepting = true;

  /**
   * @param gate deduplication, limits and token budget, checked together on arrival
   * @param limiter the same limits, for requests that are not messages (direct ticket commands)
   */
  ConversationEngine(EngineParts parts, RequestGate gate, ConversationLine line,
      RequestLimiter limiter, ChannelSettingsResolver channelSettings, TicketStore tickets, TicketQuota ticketQuota,
      FeedbackStore feedback, StopBroadcast stops, NoticeGate limitNotices, AccessControl access, HandoffDesk handoff) {
    this.parts = parts;
    this.gate = gate;
    this.line = line;
    this.limiter = limiter;
    this.channelSettings = channelSettings;
    this.tickets = tickets;
    this.ticketQuota = ticketQuota;
    this.feedback = feedback;
    this.stops = stops;
    this.limitNotices = limitNotices;
    this.access = access;
    this.handoff = handoff;
    stops.subscribe(this::stopHere);
  }

  public static ConversationEngineBuilder builder() {
    return new ConversationEngineBuilder();
  }

  @Override
  public Submission submit(IncomingMessage message, ReplySinkFactory sinks) {
    if (!accepting) {
      return refuse(sinks, Notices.RESTARTING, Submission.Status.REJECTED, Submission.Outcome.REJECTED);
    }
    try {
      return admit(message, sinks);
    } catch (RuntimeException e) {
      // Usually Redis is unreachable. The event loop must go on, and the user must hear of it.
      log.error("cannot accept a message platform={} event={}", message.conversation().platform(), message.eventId(), e);
      return refuse(sinks, Notices.UNAVAILABLE, Submission.Status.REJECTED, Submission.Outcome.REJECTED);
    }
  }

  private Submission admit(IncomingMessage message, ReplySinkFactory sinks) {
    ConversationKey key = message.conversation();
    RequestGate.Verdict verdict = gate.admit(message.eventId(), message.authorId(), key);
    long chars = tooLong(message.text());
    boolean quietOnTake = showsNothingFirst(verdict) && chars == 0 && !Notices.isResume(message.text());
    Submission refused = screen(verdict, message.eventId(), message.authorId(), key, message.text(), quietOnTake,
        sinks);
    if (refused != null) return refused;
    // After the limiter, so a flood of overlong messages is bounded like any other.
    if (chars > 0) {
      log.info("message too long platform={} event={} chars={}", key.platform(), message.eventId(), chars);
      return refuse(sinks, Notices.messageTooLong(chars, parts.maxMessageChars()), Submission.Status.REJECTED,
          Submission.Outcome.REJECTED);
    }
    refused = checkTokenBudget(verdict, key, sinks);
    return refused != null ? refused : start(message, null, sinks, quietOnTake);
  }

  /**
   * Whether the gate let the request through with nothing to show: then, in a channel with handoff,
   * whether the thread is handed off is read in the step that takes the place in line
   * ({@link ConversationLine#enqueueUnlessHandedOff}), and a turn there costs no extra round trip.
   * A request that would show a notice first asks the handoff store on its own, before the notice.
   */
  private static boolean showsNothingFirst(RequestGate.Verdict verdict) {
    return !verdict.duplicate() && verdict.limits().allowed() && verdict.tokensLeft();
  }

  @Override
  public Submission regenerate(RegenerateRequest request, ReplySinkFactory sinks) {
    if (!accepting) {
      return refuse(sinks, Notices.RESTARTING, Submission.Status.REJECTED, Submission.Outcome.REJECTED);
    }
    try {
      return admitRegenerate(request, sinks);
    } catch (RuntimeException e) {
      log.error("cannot accept a regenerate platform={} event={}", request.conversation().platform(),
          request.eventId(), e);
      return refuse(sinks, Notices.UNAVAILABLE, Submission.Status.REJECTED, Submission.Outcome.REJECTED);
    }
  }

  /**
   * Checks the clicker against the question as stored now, before anything is shown, so a refusal
   * reaches only them. The turn checks again, once its place in line came, that this question is
   * still the last one, and its write replaces the old answer only while it still is
   * ({@link ConversationLine.Place#writeAnswerAgain}).
   */
  private Submission admitRegenerate(RegenerateRequest request, ReplySinkFactory sinks) {
    ConversationKey key = request.conversation();
    Optional<Turn> question = lastQuestion(parts.history().load(key));
    if (question.isPresent() && !access.mayControl(key.platform(), request.userId(), question.get().authorId())) {
      log.info("regenerate refused, not the asker platform={} conversation={} user={}", key.platform(), key,
          request.userId());
      return Refused.of(Submission.Status.NOT_ALLOWED, Submission.Outcome.REJECTED);
    }
    RequestGate.Verdict verdict = gate.admit(request.eventId(), request.userId(), key);
    boolean quietOnTake = showsNothingFirst(verdict) && question.isPresent();
    Submission refused = screen(verdict, request.eventId(), request.userId(), key, null, quietOnTake, sinks);
    if (refused != null) return refused;
    if (question.isEmpty()) {
      log.info("nothing to regenerate platform={} conversation={}", key.platform(), key);
      return refuse(sinks, Notices.NOTHING_TO_REGENERATE, Submission.Status.REJECTED, Submission.Outcome.REJECTED);
    }
    refused = checkTokenBudget(verdict, key, sinks);
    if (refused != null) return refused;
    Turn asked = question.get();
    // The answer is written as if the asker asked again: tools that open tickets credit them.
    IncomingMessage again = new IncomingMessage(request.eventId(), key, asked.authorId(), asked.authorName(),
        asked.content(), null, request.receivedAt());
    return start(again, asked, sinks, quietOnTake);
  }

  private static Optional<Turn> lastQuestion(List<Turn> history) {
    int last = Turn.lastQuestionIndex(history);
    return last < 0 ? Optional.empty() : Optional.of(history.get(last));
  }

  /**
   * What every request passes first, as the gate found it: deduplication, a handed-off thread's
   * quiet, then the request limits. Null when it may go on, else the submission that refused it.
   *
   * @param text the message's text, or null for a regenerate
   * @param quietOnTake whether the handed-off check is left to the step that takes the place in
   *     line, since nothing is shown before it
   */
  private Submission screen(RequestGate.Verdict verdict, String eventId, String userId, ConversationKey key,
      String text, boolean quietOnTake, ReplySinkFactory sinks) {
    String platform = key.platform();
    if (verdict.duplicate()) {
      parts.observer().eventReceived(platform, true);
      log.info("duplicate event dropped platform={} event={}", platform, eventId);
      return Refused.of(Submission.Status.DUPLICATE, Submission.Outcome.DUPLICATE);
    }
    parts.observer().eventReceived(platform, false);
    // Before the limits' verdict is shown: a handed-off thread shows nothing at all, not even a
    // limit notice.
    if (!quietOnTake) {
      Submission quiet = quietHere(key, userId, verdict.limits().allowed(), text, sinks);
      if (quiet != null) return quiet;
    }
    RequestLimiter.Decision decision = verdict.limits();
    if (decision.allowed()) return null;
    // One notice per conversation and window, and one per person: a flood of messages, in one
    // thread or as many new ones, must not become a flood of notices. The rest are dropped
    // without opening a sink, so they post nothing at all.
    if (!limitNotices.tryPass(key.asString()) || !limitNotices.tryPass("user:" + key.tenantScope() + ":" + userId)) {
      parts.observer().noticeSuppressed(platform, "limited");
      log.info("limit notice suppressed platform={} conversation={}", platform, key);
      return Refused.of(Submission.Status.LIMITED, Submission.Outcome.LIMITED);
    }
    return refuse(sinks, Notices.limited(decision), Submission.Status.LIMITED, Submission.Outcome.LIMITED);
  }

  /**
   * In a handed-off thread Parley shows nothing (no answer, no placeholder) until someone says
   * {@code resume}. Costs nothing outside channels with handoff configured (their settings are
   * configuration, in memory), and one small store read inside them; only requests that would
   * show a notice, or say {@code resume}, ask here: the rest learn it with their place in line.
   *
   * @param counted whether the gate counted this request against the limits (it then gets it back)
   */
  private Submission quietHere(ConversationKey key, String userId, boolean counted, String text,
      ReplySinkFactory sinks) {
    if (handoff == null || !handoff.offeredIn(key)) return null;
    if (text != null && Notices.isResume(text)) {
      // Said where nothing is handed off, "resume" is an ordinary message.
      if (handoff.resume(key)) {
        if (counted) giveBack(userId, key);
        return refuse(sinks, Notices.RESUMED, Submission.Status.ACCEPTED, Submission.Outcome.ANSWERED);
      }
      return null;
    }
    if (!handoff.isQuiet(key)) return null;
    if (counted) giveBack(userId, key);
    return quiet(key);
  }

  private static Submission quiet(ConversationKey key) {
    log.info("quiet: thread handed off to people platform={} conversation={}", key.platform(), key);
    return Refused.of(Submission.Status.QUIET, Submission.Outcome.QUIET);
  }

  private Submission checkTokenBudget(RequestGate.Verdict verdict, ConversationKey key, ReplySinkFactory sinks) {
    if (verdict.tokensLeft()) return null;
    log.info("tenant token budget spent platform={} tenant={}", key.platform(), key.tenant());
    return refuse(sinks, Notices.tokenBudgetSpent(parts.tokenBudget().dailyTokens()), Submission.Status.LIMITED,
        Submission.Outcome.LIMITED);
  }

  /**
   * @param regenerating the stored question answered again, or null for a new message
   * @param quietOnTake whether this step also finds out if the thread is handed off (screen left it
   *     here)
   */
  private Submission start(IncomingMessage message, Turn regenerating, ReplySinkFactory sinks, boolean quietOnTake) {
    ConversationKey key = message.conversation();
    ChannelSettings settings = channelSettings.settingsFor(key);
    // The place and the history generation are read on arrival, in arrival order: a reset after
    // this message forgets its turn too, even when the turn only starts once the reset is done
    // (see reset). Nothing was shown yet, so a handed-off thread still shows nothing.
    ConversationLine.Place place;
    if (quietOnTake && handoff != null && settings.handoff().enabled()) {
      Optional<ConversationLine.Place> taken = line.enqueueUnlessHandedOff(key,
          regenerating == null ? saidToPeople(message) : null);
      if (taken.isEmpty()) {
        giveBack(message.authorId(), key);
        return quiet(key);
      }
      place = taken.get();
    } else {
      place = line.enqueue(key);
    }
    ReplySink sink;
    try {
      sink = sinks.open();
    } catch (RuntimeException e) {
      place.close();
      throw e;
    }
    TurnTask task = new TurnTask(parts, message, regenerating, settings, place, sink, deadlines);
    track(message.conversation(), task);
    workers.execute(task::run);
    return task;
  }

  /**
   * What a message to a handed-off thread leaves in the history, so that after {@code resume} the
   * model knows what people said meanwhile: its text, marked as said to people, cut to
   * {@link #KEPT_WHILE_HANDED_OFF} characters (the history's turn and byte caps bound how many are
   * kept; the oldest turns go first, as in any long conversation). Null for a message with no text.
   * Attachments are not read: the thread is not Parley's to act on.
   */
  private Turn saidToPeople(IncomingMessage message) {
    String text = message.text().strip();
    if (text.isEmpty()) return null;
    if (text.codePointCount(0, text.length()) > KEPT_WHILE_HANDED_OFF) {
      text = text.substring(0, text.offsetByCodePoints(0, KEPT_WHILE_HANDED_OFF)) + "…";
    }
    String kept = Notices.SAID_WHILE_HANDED_OFF + text;
    return Turn.user(kept, message.authorId(), message.authorName(), message.receivedAt(),
        parts.estimator().estimate(kept));
  }

  /**
   * A message to a handed-off thread was counted by the gate before the thread was found quiet
   * (the gate's script runs in the tenant's slot, the handoff lives in the conversation's); people
   * talking to people there must not use up the bot's limits. One more round trip, on this path
   * only. A failure is logged: it costs a count, never the event loop.
   */
  private void giveBack(String userId, ConversationKey key) {
    try {
      limiter.giveBack(userId, key);
    } catch (RuntimeException e) {
      log.warn("could not give back a quiet message's request count platform={} conversation={}", key.platform(),
          key, e);
    }
  }

  /**
   * The message's length in code points when it is over the bound, else 0. Code points, not
   * UTF-16 units: the notice tells people how many characters they wrote, and they count an emoji
   * or a CJK extension character as one, so the bound must not be halved for them.
   */
  private long tooLong(String text) {
    int max = parts.maxMessageChars();
    if (text.length() <= max) return 0; // code points never outnumber UTF-16 units
    int chars = text.codePointCount(0, text.length());
    return chars > max ? chars : 0;
  }

  private Submission refuse(ReplySinkFactory sinks, String notice, Submission.Status status, Submission.Outcome outcome) {
    ReplySink sink = sinks.open();
    // Not on the workers pool: it no longer takes work once shutdown began.
    Thread.ofVirtual().name("parley-notice").start(() -> {
      try {
        sink.fail("", notice);
      } catch (RuntimeException e) {
        log.warn("could not show a notice", e);
      }
    });
    return Refused.of(status, outcome);
  }

  private void track(ConversationKey key, TurnTask task) {
    live.add(task);
    byConversation.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(task);
    task.done().whenComplete((outcome, error) -> {
      live.remove(task);
      parts.observer().answerFinished(key.platform(), outcome.name().toLowerCase(java.util.Locale.ROOT));
      byConversation.computeIfPresent(key, (k, tasks) -> {
        tasks.remove(task);
        return tasks.isEmpty() ? null : tasks;
      });
    });
  }

  /** Stops the answer streaming in {@code key}, on whichever instance streams it. */
  @Override
  public void stop(ConversationKey key) {
    stops.publish(StopBroadcast.Request.any(key));
  }

  private void stopHere(StopBroadcast.Request request) {
    Set<TurnTask> tasks = byConversation.get(request.key());
    if (tasks == null) return;
    tasks.stream().filter(TurnTask::isAnswering).filter(task -> request.covers(task.generation()))
        .forEach(TurnTask::cancel);
  }

  /**
   * Forgets the conversation, then stops its answer if one is streaming, on whichever instance.
   *
   * <p>Ordering comes from the history's generation rather than from the conversation's place in
   * line: waiting in line would make {@code /reset} wait for a streaming answer (up to the turn
   * deadline) and for every message queued before it, and a reset must act at once. Clearing
   * moves the generation on atomically, so every turn of a message that arrived before this call,
   * streaming, queued or still finishing on another instance, has its append refused and leaves
   * nothing behind; and the streaming one is stopped so its text stays on screen marked stopped
   * instead of running on to an answer nobody will remember. The stop names the new generation,
   * so when it reaches another instance late it still spares answers to messages sent after the
   * reset. The model picked for the conversation stays, as a preference would.
   */
  @Override
  public void reset(ConversationKey key) {
    long generation = parts.history().clear(key);
    stops.publish(new StopBroadcast.Request(key, generation));
  }

  /**
   * The core as adapters see it: this engine's conversations, the small ports beside them, and the
   * engine's own access control, so the adapters and the engine's regenerate check agree.
   *
   * @param checkpoints where natively streamed replies record their progress; shared by every
   *     instance in production
   */
  public BotCore core(StreamCheckpoints checkpoints) {
    FeedbackRecorder recorder = (key, replyId, userId, positive) ->
        feedback.record(new FeedbackStore.Feedback(key, replyId, userId, positive, Instant.now()));
    return new BotCore(this, new ModelChooser(parts.conversationSettings(), parts.catalog(), channelSettings),
        new DirectTickets(limiter, ticketQuota, tickets), recorder, channelSettings, access, checkpoints,
        handoff == null ? HumanHandoff.NONE : new ButtonHandoffs(limiter, handoff));
  }

  /** {@link #core(StreamCheckpoints)} for one instance alone: stream progress kept in memory. */
  public BotCore core() {
    return core(new InMemoryStreamCheckpoints());
  }

  /** Answers accepted and not yet finished on this instance. */
  public int inFlight() {
    return live.size();
  }

  /**
   * Graceful shutdown: stop accepting, let answers in flight finish for up to {@code grace}, then
   * end the rest with a visible "restarting, please ask again" notice and release their places in
   * line. Blocks until done.
   */
  public void shutdown(Duration grace) {
    accepting = false;
    long deadline = System.nanoTime() + grace.toNanos();
    awaitAll(deadline);
    if (!live.isEmpty()) {
      log.warn("ending unfinished answers for shutdown count={}", live.size());
      live.forEach(task -> task.abort(Notices.RESTARTING));
      awaitAll(System.nanoTime() + Duration.ofSeconds(10).toNanos());
    }
    stops.close();
    workers.shutdown();
    deadlines.shutdownNow();
  }

  private void awaitAll(long deadlineNanos) {
    CompletableFuture<?>[] pending = live.stream().map(TurnTask::done).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(pending).get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Timed out: the caller handles what is still live.
    }
  }

  @Override
  public void close() {
    shutdown(Duration.ZERO);
  }

  /** One daemon thread for every turn's deadline; a finished turn's timer leaves the queue at once. */
  private static ScheduledThreadPoolExecutor deadlineTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().name("parley-turn-deadlines").daemon().factory());
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** A submission that was not accepted; nothing runs. */
  private record Refused(Status status, CompletableFuture<Outcome> done) implements Submission {
    static Refused of(Status status, Outcome outcome) {
      return new Refused(status, CompletableFuture.completedFuture(outcome));
    }

    @Override
    public void cancel() {}
  }
}
