package dev.parley.core.internal.engine;

import dev.parley.core.api.ChannelSettings;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.Submission;
import dev.parley.core.api.reply.ReplySink;
import dev.parley.core.internal.attachments.AttachedQuestion;
import dev.parley.core.internal.engine.ConversationLine.Place.Rewritten;
import dev.parley.core.internal.handoff.EscalateToHumanTool;
import dev.parley.core.internal.history.PromptTooLongException;
import dev.parley.core.internal.history.ThreadContext;
import dev.parley.core.internal.history.TokenEstimator;
import dev.parley.core.internal.history.Turn;
import dev.parley.core.internal.llm.ChatCompletion;
import dev.parley.core.internal.llm.ChatMessage;
import dev.parley.core.internal.llm.ChatRequest;
import dev.parley.core.internal.llm.FinishReason;
import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.RetriableLlmException;
import dev.parley.core.internal.llm.ToolCall;
import dev.parley.core.internal.llm.ToolDefinition;
import dev.parley.core.internal.reply.EditThrottle;
import dev.parley.core.internal.tools.ToolContext;
import dev.parley.core.internal.tools.ToolRunner;
import dev.parley.core.internal.tools.TurnUsage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One message's whole answer, run on its own virtual thread: wait for the conversation's turn,
 * assemble the prompt, stream the model into the reply, run tools, and record what happened in
 * the history before the reply shows as complete.
 *
 * <p>Bounds hold whatever the model sends: at most {@value #MAX_ROUNDS} model rounds, the last of
 * which asks for text only ({@code tool_choice: none}); tool calls that a server sends anyway in
 * that round are not run, and the turn ends with its text so far and a notice. The whole answer
 * has a deadline ({@link EngineParts#turnDeadline()}), at which it ends like a Stop.
 */
final class TurnTask implements Submission {
  static final int MAX_ROUNDS = 5;
  private static final Logger log = LoggerFactory.getLogger(TurnTask.class);

  private final EngineParts parts;
  private final IncomingMessage message;
  private final Turn regenerating;
  private final ChannelSettings settings;
  private final ConversationLine.Place place;
  private final EditThrottle throttle;
  private final ScheduledExecutorService deadlines;
  private final CompletableFuture<Outcome> done = new CompletableFuture<>();
  private final List<Turn> newTurns = new ArrayList<>();
  private final TurnUsage toolUsage = new TurnUsage();
  private final String turnId = "turn-" + java.util.UUID.randomUUID();
  private volatile ModelRound round;
  private volatile String abortNotice;
  private volatile Thread worker;
  private volatile boolean answering;
  /** The stored history and the conversation's model, read when the turn came. */
  private ConversationLine.Front front;
  /** The last model round's tokens, counted when the answer is written: one step with the write. */
  private long unspentTokens;
  /** Set once the question is asked of the model: from then on, text shown is an answer to keep. */
  private boolean asked;
  private AttachedQuestion question = AttachedQuestion.typed("");
  /** What the reply shows above the answer (what was heard, attachment notices); never stored as the answer. */
  private String preamble = "";

  /**
   * @param regenerating the stored question that {@code message} asks again (its answer is replaced
   *     and the question not stored twice), or null for a new question
   * @param place the message's place in line, taken on arrival with the conversation's history
   *     generation; the turn's history is written only while that generation still holds, so
   *     nothing of it lands after a reset
   */
  TurnTask(EngineParts parts, IncomingMessage message, Turn regenerating, ChannelSettings settings,
      ConversationLine.Place place, ReplySink sink, ScheduledExecutorService deadlines) {
    this.parts = parts;
    this.deadlines = deadlines;
    this.message = message;
    this.regenerating = regenerating;
    this.settings = settings;
    this.place = place;
    String platform = message.conversation().platform();
    this.throttle = new EditThrottle(sink, settings.replyCadence(),
        (rateLimited, permitted) -> parts.observer().editSent(platform, rateLimited, permitted));
  }

  @Override
  public Status status() {
    return Status.ACCEPTED;
  }

  @Override
  public CompletableFuture<Outcome> done() {
    return done;
  }

  @Override
  public void cancel() {
    abort(Notices.STOPPED);
  }

  /** Ends the answer early with {@code notice}; the text so far stays. Idempotent. */
  void abort(String notice) {
    if (done.isDone() || abortNotice != null) return;
    abortNotice = notice;
    ModelRound current = round;
    if (current != null) current.cancel();
    Thread thread = worker;
    if (thread != null && current == null) thread.interrupt();
  }

  /** The conversation's history generation when this turn's message arrived. */
  long generation() {
    return place.generation();
  }

  /** True from the moment this turn holds its conversation until it ends: what Stop applies to. */
  boolean isAnswering() {
    return answering && !done.isDone();
  }

  void run() {
    worker = Thread.currentThread();
    MDC.put("platform", message.conversation().platform());
    MDC.put("conversation", message.conversation().asString());
    if (message.eventId() != null) MDC.put("request_id", message.eventId());
    Outcome outcome = Outcome.FAILED;
    Future<?> deadline = null;
    try {
      throttle.start();
      front = place.awaitTurn(parts.maxWaitForTurn());
      answering = true;
      deadline = startDeadline();
      outcome = answer();
    } catch (TimeoutException e) {
      throttle.fail(Notices.BUSY);
    } catch (InterruptedException | CancellationException e) {
      outcome = endEarly();
    } catch (RuntimeException e) {
      // An abort that interrupted blocking I/O surfaces here; it still ends the way it asked to.
      if (abortNotice != null && answering) {
        outcome = endEarly();
      } else {
        log.error("turn failed unexpectedly", e);
        showFailure();
      }
    } finally {
      if (deadline != null) deadline.cancel(false);
      release();
      MDC.clear();
      done.complete(outcome);
    }
  }

  private Future<?> startDeadline() {
    Duration limit = parts.turnDeadline();
    try {
      return deadlines.schedule(() -> {
        if (!done.isDone()) log.warn("answer reached its deadline deadline={}", limit);
        abort(Notices.tookTooLong(limit));
      }, limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The engine shut down while this turn waited for its place; shutdown bounds it instead.
      return null;
    }
  }

  /**
   * Gives up the conversation's place in line. A store failure here must not keep the turn
   * "live": the turn is over either way, and a lost release only delays the next turn of this
   * conversation until the place's lease runs out.
   */
  private void release() {
    try {
      place.close();
    } catch (RuntimeException e) {
      log.error("could not release the conversation's place in line; the next turn waits for its lease", e);
    }
  }

  private void showFailure() {
    try {
      throttle.fail("Something went wrong while answering; please try again.");
    } catch (RuntimeException unreachable) {
      // The reply never started (the platform refused the placeholder): nothing can be shown.
      log.warn("could not show the failure notice", unreachable);
    }
  }

  private Outcome answer() throws InterruptedException {
    // Asked again, a question's files are not read again: history kept only their names.
    question = regenerating == null
        ? new AttachedQuestion(message.text(), parts.attachments().read(message.attachments()))
        : AttachedQuestion.typed(regenerating.content());
    if (!question.answerable()) {
      log.info("no attachment of the message could be used, and it has no text; answering with notices only");
      throttle.fail(question.noticesOnly());
      return Outcome.FAILED;
    }
    // Most models refuse images: a question carrying them goes to the vision model.
    String model = question.hasImages() ? parts.visionModel()
        : front.model().orElse(settings.model());
    List<Turn> history = regenerating == null ? withNewQuestion(question.storedText()) : upToQuestion();
    if (history == null) {
      // Reset (or expired) while this request waited, or a newer question came first.
      boolean reset = parts.history().load(message.conversation()).isEmpty();
      throttle.fail(reset ? Notices.NOTHING_TO_REGENERATE : Notices.MOVED_ON);
      return Outcome.FAILED;
    }
    // Asked again, a question keeps the thread quote stored before it; the thread is not read twice.
    ThreadContext earlier = regenerating == null
        ? ThreadQuote.read(message, history.subList(0, history.size() - 1), generation()) : ThreadContext.NONE;
    ToolPlan tools = new ToolPlan(parts.tools().definitions(enabledTools()), settings.builtInTools());
    List<ChatMessage> messages;
    Optional<Turn> quote;
    try {
      int budget = parts.catalog().contextWindow(model) - parts.answerReserveTokens()
          - toolTokens(tools.functionsFor(model));
      quote = ThreadQuote.fit(earlier, budget - parts.estimator().estimate(settings.systemPrompt())
          - history.getLast().tokenCount(), parts.estimator());
      if (quote.isPresent()) history = ThreadQuote.beforeQuestion(history, quote.get());
      question.fitFiles(fileTokens(budget, history.getLast()) - quote.map(Turn::tokenCount).orElse(0) * 3 / 4,
          parts.estimator());
      messages = parts.assembler().assemble(settings.systemPrompt(), history, budget, question::asSent);
    } catch (PromptTooLongException e) {
      throttle.fail(Notices.promptTooLong(e, model));
      return Outcome.FAILED;
    }
    // An answer asked again replaces the old one only when it is written (the same step as the
    // append), so a regenerate that ends without text leaves the conversation as it was; the
    // history read with the turn already showed the question is still the last.
    if (regenerating == null) {
      // The quote is stored with the question, so the next question does not quote it again.
      quote.ifPresent(newTurns::add);
      newTurns.add(history.getLast());
    }
    asked = true;
    preamble = question.preamble();
    throttle.append(preamble);
    return converse(model, messages, tools);
  }

  /**
   * The tokens the question's files may take: most of what the system prompt and the question
   * leave, so that the latest exchanges of the conversation still fit beside them.
   */
  private int fileTokens(int budget, Turn newest) {
    int left = budget - parts.estimator().estimate(settings.systemPrompt()) - newest.tokenCount()
        - (question.hasImages() ? parts.attachments().limits().maxImages() * TokenEstimator.IMAGE_TOKENS : 0);
    return Math.max(0, left * 3 / 4);
  }

  /**
   * The stored history and the new question, which is stored with its answer: as {@code text},
   * which names the attachments rather than holding them.
   */
  private List<Turn> withNewQuestion(String text) {
    List<Turn> history = new ArrayList<>(front.history());
    history.add(Turn.user(text, message.authorId(), message.authorName(), message.receivedAt(),
        parts.estimator().estimate(text)));
    return history;
  }

  /**
   * The stored history up to the question being asked again; null when the conversation moved on
   * (a newer question, or a reset) while this request waited for its turn.
   */
  private List<Turn> upToQuestion() {
    List<Turn> history = front.history();
    int last = Turn.lastQuestionIndex(history);
    return last >= 0 && history.get(last).equals(regenerating) ? history.subList(0, last + 1) : null;
  }

  private Outcome converse(String model, List<ChatMessage> messages, ToolPlan tools)
      throws InterruptedException {
    boolean correctedToolUse = false;
    for (int roundNo = 1; ; roundNo++) {
      ChatRequest request = request(model, messages);
      ChatCompletion completion;
      try {
        completion = streamWithFallbacks(request, tools, roundNo >= MAX_ROUNDS);
      } catch (ModelRound.Failure failure) {
        // Asked again only when the failed round showed nothing: a Compound system's tool can fail
        // after its answer began, and asking again would write a second answer under the first.
        if (failure.error instanceof LlmErrors.ToolUseFailed bad && !failure.afterContent
            && !correctedToolUse && abortNotice == null) {
          correctedToolUse = true;
          messages = new ArrayList<>(messages);
          messages.add(ChatMessage.system(correction(bad)));
          continue;
        }
        return failed(failure, request.model());
      }
      calibrate(request, completion);
      if (completion.finishReason() != FinishReason.TOOL_CALLS || !completion.hasToolCalls()) {
        unspentTokens = tokens(completion);
        return finished(completion);
      }
      spend(completion);
      if (roundNo >= MAX_ROUNDS) return tooManyRounds(completion);
      messages = runTools(completion, messages);
    }
  }

  /** The round's request without tools; {@link ToolPlan} adds them per model. */
  private ChatRequest request(String model, List<ChatMessage> messages) {
    return ChatRequest.builder(model).messages(messages)
        .maxCompletionTokens(parts.answerReserveTokens())
        .user(message.conversation().platform() + ":" + Integer.toHexString(message.authorId().hashCode()))
        .build();
  }

  /**
   * Tries the channel's fallback models when the first one is rate limited or unavailable. Each
   * model gets the tools it can take; in the last round, tools may not be called, so the loop
   * always ends in an answer.
   */
  private ChatCompletion streamWithFallbacks(ChatRequest request, ToolPlan tools, boolean lastRound)
      throws ModelRound.Failure, InterruptedException {
    List<String> models = new ArrayList<>();
    models.add(request.model());
    // The fallbacks are text models, which would refuse the images.
    if (!question.hasImages()) models.addAll(settings.fallbackModels());
    ModelRound.Failure last = null;
    for (String model : models) {
      if (abortNotice != null) throw new CancellationException();
      ChatRequest attempt = tools.applyTo(request.toBuilder(), model, lastRound).build();
      round = ModelRound.start(parts.model(), attempt, throttle, this::firstToken);
      // An abort that ran between the check above and this round's start would have missed it.
      if (abortNotice != null) round.cancel();
      try {
        return round.await();
      } catch (ModelRound.Failure failure) {
        last = failure;
        parts.observer().modelError(failure.error.code() != null ? failure.error.code() : String.valueOf(failure.error.httpStatus()));
        boolean switchable = failure.error instanceof RetriableLlmException
            && (failure.error.httpStatus() == 429 || failure.error.httpStatus() == 503 || failure.error.httpStatus() == 498);
        if (round.sawContent() || !switchable) throw failure;
        log.warn("model unavailable, trying the next fallback model={} status={}", model, failure.error.httpStatus());
      }
    }
    throw last;
  }

  private List<ChatMessage> runTools(ChatCompletion completion, List<ChatMessage> messages) throws InterruptedException {
    round = null;
    throttle.status(progressLine(completion));
    String said = completion.content().isEmpty() ? null : completion.content();
    List<ToolRunner.Result> results = parts.toolRunner().run(completion.toolCalls(), enabledTools(),
        callId -> new ToolContext(callId, eventId(), message.authorId(), message.authorName(), message.conversation(),
            message.permalink(), toolUsage));
    throttle.status(null);
    if (abortNotice != null) throw new CancellationException();
    List<ChatMessage> next = new ArrayList<>(messages);
    List<ToolCall> echoed = completion.toolCalls().stream().map(TurnTask::withinArgumentBound).toList();
    next.add(ChatMessage.assistant(said, echoed));
    newTurns.add(Turn.toolCalls(said, echoed, Instant.now(), completion.usage() == null ? 0 : completion.usage().completionTokens()));
    for (ToolRunner.Result result : results) {
      next.add(ChatMessage.tool(result.call().id(), result.content()));
      newTurns.add(Turn.toolResult(result.call().id(), result.content(), Instant.now(), parts.estimator().estimate(result.content())));
    }
    return next;
  }

  private Outcome finished(ChatCompletion completion) {
    String text = answerText();
    if (completion.finishReason() == FinishReason.CONTENT_FILTER) {
      newTurns.add(Turn.assistantInterrupted(text, Instant.now(), parts.estimator().estimate(text)));
      saveAndEnd("The answer was withheld by the model's content filter.");
      return Outcome.FAILED;
    }
    if (completion.finishReason() == FinishReason.LENGTH) {
      newTurns.add(Turn.assistantInterrupted(text, Instant.now(), parts.estimator().estimate(text)));
      showSources(completion, text);
      saveAndEnd("The answer reached its length limit and was cut off.");
      return Outcome.ANSWERED;
    }
    newTurns.add(Turn.assistant(text, Instant.now(), parts.estimator().estimate(text)));
    showSources(completion, text);
    return saveAndEnd(null) ? Outcome.ANSWERED : Outcome.FAILED;
  }

  /**
   * Puts the pages the server's own tools read under the answer. Shown, not stored: the history
   * keeps the answer alone, so the model never sees a sources list it might imitate with made-up
   * links.
   */
  private void showSources(ChatCompletion completion, String text) {
    if (text.isEmpty()) return;
    String footer = SourcesFooter.of(completion.sources());
    if (!footer.isEmpty()) throttle.append(footer);
  }

  /**
   * The last round still called tools, though it asked for none: a server that ignores
   * {@code tool_choice}, or a model told to loop. Its calls are not run and not stored, so the
   * history keeps every stored call next to its results.
   */
  private Outcome tooManyRounds(ChatCompletion completion) {
    String text = answerText();
    log.warn("model kept calling tools in its last round; ending the answer rounds={} ignoredCalls={}",
        MAX_ROUNDS, completion.toolCalls().size());
    if (!text.isEmpty()) newTurns.add(Turn.assistantInterrupted(text, Instant.now(), parts.estimator().estimate(text)));
    saveAndEnd(Notices.TOO_MANY_ROUNDS);
    return Outcome.FAILED;
  }

  private Outcome failed(ModelRound.Failure failure, String model) {
    String text = answerText();
    log.warn("model failed code={} status={} textShown={}", failure.error.code(), failure.error.httpStatus(), !text.isEmpty());
    if (!text.isEmpty()) newTurns.add(Turn.assistantInterrupted(text, Instant.now(), parts.estimator().estimate(text)));
    if (failure.partial != null) showSources(failure.partial, text);
    String notice = question.hasImages() && text.isEmpty() ? Notices.forImageRefusal(failure.error, model) : null;
    saveAndEnd(notice != null ? notice : Notices.forModelError(failure.error, !text.isEmpty()));
    return Outcome.FAILED;
  }

  /** The answer shown so far, without the lines above it that are not the model's. */
  private String answerText() {
    String text = throttle.text();
    return text.startsWith(preamble) ? text.substring(preamble.length()) : text;
  }

  private Outcome endEarly() {
    Thread.interrupted(); // the interrupt did its job; the notice below must still be delivered
    String notice = abortNotice == null ? Notices.RESTARTING : abortNotice;
    String text = answerText();
    if (asked && !text.isEmpty()) {
      newTurns.add(Turn.assistantInterrupted(text, Instant.now(), parts.estimator().estimate(text)));
    }
    saveAndEnd(notice);
    if (Notices.STOPPED.equals(notice)) return Outcome.CANCELLED;
    return Notices.RESTARTING.equals(notice) ? Outcome.REJECTED : Outcome.FAILED;
  }

  /**
   * Saves what this turn added, then ends the reply: complete when {@code notice} is null, else
   * with the notice. Saving comes first so that an answer shown as complete is always one the
   * conversation remembers; when saving fails the user is told, and the text stays. An answer the
   * conversation was reset under is not saved and says so, unless its notice (Stop) already does.
   *
   * @return whether the answer ended as the conversation's record: saved, or rightly forgotten
   */
  private boolean saveAndEnd(String notice) {
    Saved saved = save();
    switch (saved) {
      case SAVED -> {
        if (notice == null) throttle.finish();
        else throttle.fail(notice);
      }
      case RESET_MEANWHILE -> throttle.fail(notice == null ? Notices.RESET_MEANWHILE : notice);
      case MOVED_ON -> throttle.fail(notice == null ? Notices.MOVED_ON : notice);
      case FAILED -> throttle.fail(notice == null ? Notices.NOT_SAVED : notice + " " + Notices.NOT_SAVED);
    }
    return saved != Saved.FAILED;
  }

  private enum Saved { SAVED, RESET_MEANWHILE, MOVED_ON, FAILED }

  /**
   * Writes what this turn added, in one atomic append, only if the conversation was not reset since
   * the message arrived; the same step counts the last round's tokens and leaves the line, so the
   * next message's turn starts while this reply shows its final text. An answer asked again
   * replaces the old answer to its question in that step.
   */
  private Saved save() {
    if (newTurns.isEmpty()) {
      spend(unspentTokens);
      unspentTokens = 0;
      return Saved.SAVED;
    }
    long tokens = unspentTokens;
    unspentTokens = 0;
    try {
      Rewritten written = regenerating != null ? place.writeAnswerAgain(regenerating, List.copyOf(newTurns), tokens)
          : place.write(List.copyOf(newTurns), tokens) ? Rewritten.KEPT : Rewritten.RESET;
      if (written != Rewritten.KEPT) {
        log.info("conversation was reset or moved on during this turn; its turns are not kept turns={} why={}",
            newTurns.size(), written);
      }
      newTurns.clear();
      return switch (written) {
        case KEPT -> Saved.SAVED;
        case RESET -> Saved.RESET_MEANWHILE;
        case MOVED_ON -> Saved.MOVED_ON;
      };
    } catch (RuntimeException e) {
      log.error("could not save the answer to the history turns={}", newTurns.size(), e);
      return Saved.FAILED;
    }
  }

  private void spend(ChatCompletion completion) {
    spend(tokens(completion));
  }

  /** Counts tokens against the tenant's daily budget; an accounting failure never ends an answer. */
  private void spend(long tokens) {
    if (tokens <= 0) return;
    try {
      parts.tokenBudget().spend(message.conversation(), tokens);
    } catch (RuntimeException e) {
      log.warn("could not count tokens against the tenant's budget tokens={}", tokens, e);
    }
  }

  private static long tokens(ChatCompletion completion) {
    return completion.usage() == null ? 0 : Math.max(0, completion.usage().totalTokens());
  }

  /**
   * A call whose arguments the runner refused as too large is echoed to the model and stored with
   * {@code {}} instead: its error result says why, and neither later prompts nor the history carry
   * what the bound is there to keep out.
   */
  private static ToolCall withinArgumentBound(ToolCall call) {
    String arguments = call.arguments();
    boolean tooLarge = arguments.length() > ToolRunner.MAX_ARGUMENTS_BYTES
        || arguments.getBytes(StandardCharsets.UTF_8).length > ToolRunner.MAX_ARGUMENTS_BYTES;
    return tooLarge ? new ToolCall(call.id(), call.name(), "{}") : call;
  }

  /** The message's event id; without one, an id of this turn, so its tool calls still key apart. */
  private String eventId() {
    return message.eventId() != null ? message.eventId() : turnId;
  }

  private void firstToken() {
    parts.observer().firstToken(message.conversation().platform(), Duration.between(message.receivedAt(), Instant.now()));
  }

  private void calibrate(ChatRequest request, ChatCompletion completion) {
    // An image's tokens are a guess of their own; they must not skew what text is taken to cost.
    if (completion.usage() == null || request.messages().stream().anyMatch(ChatMessage::hasImages)) return;
    int estimated = parts.estimator().estimate(request.messages());
    parts.estimator().calibrate(estimated, completion.usage().promptTokens());
    if (completion.usage().completionTime() > 0) {
      parts.observer().tokensPerSecond(request.model(), completion.usage().completionTokens() / completion.usage().completionTime());
    }
  }

  private int toolTokens(List<ToolDefinition> tools) {
    int total = 0;
    for (ToolDefinition tool : tools) {
      total += parts.estimator().estimate(tool.name() + tool.description() + tool.parameters());
    }
    return total;
  }

  /**
   * The channel's tools, and {@code escalate_to_human} wherever handoff is configured: the on-call
   * group is what enables it, so there is no separate switch to forget.
   */
  private Set<String> enabledTools() {
    if (!settings.handoff().enabled()) return settings.enabledTools();
    Set<String> names = new HashSet<>(settings.enabledTools());
    names.add(EscalateToHumanTool.NAME);
    return names;
  }

  private static String progressLine(ChatCompletion completion) {
    List<String> names = completion.toolCalls().stream().map(call -> call.name()).distinct().toList();
    if (names.equals(List.of("create_ticket"))) return "Creating ticket…";
    if (names.equals(List.of("lookup_ticket"))) return "Looking up ticket…";
    if (names.equals(List.of(EscalateToHumanTool.NAME))) return "Calling a person…";
    return "Running " + String.join(", ", names) + "…";
  }

  private static String correction(LlmErrors.ToolUseFailed bad) {
    return "Your previous tool call was rejected: " + bad.getMessage()
        + (bad.failedGeneration() == null ? "" : " You wrote: " + bad.failedGeneration())
        + " Call the tool again with arguments that are valid JSON and match its schema, or answer without tools.";
  }
}
