package dev.parley.core.engine;

import dev.parley.core.conversation.PromptTooLongException;
import dev.parley.core.conversation.Turn;
import dev.parley.core.llm.ChatCompletion;
import dev.parley.core.llm.ChatMessage;
import dev.parley.core.llm.ChatRequest;
import dev.parley.core.llm.FinishReason;
import dev.parley.core.llm.LlmErrors;
import dev.parley.core.llm.LlmException;
import dev.parley.core.llm.RetriableLlmException;
import dev.parley.core.llm.ToolChoice;
import dev.parley.core.llm.ToolDefinition;
import dev.parley.core.reply.EditThrottle;
import dev.parley.core.reply.ReplySink;
import dev.parley.core.tools.ToolContext;
import dev.parley.core.tools.ToolRunner;
import dev.parley.core.tools.TurnUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One message's whole answer, run on its own virtual thread: wait for the conversation's turn,
 * assemble the prompt, stream the model into the reply, run tools for at most
 * {@value #MAX_ROUNDS} rounds, and record what happened in the history.
 */
final class TurnTask implements Submission {
  static final int MAX_ROUNDS = 5;
  private static final Logger log = LoggerFactory.getLogger(TurnTask.class);

  private final EngineParts parts;
  private final IncomingMessage message;
  private final ChannelSettings settings;
  private final TurnSequencer.Ticket ticket;
  private final EditThrottle throttle;
  private final CompletableFuture<Outcome> done = new CompletableFuture<>();
  private final List<Turn> newTurns = new ArrayList<>();
  private final TurnUsage toolUsage = new TurnUsage();
  private final String turnId = "turn-" + java.util.UUID.randomUUID();
  private volatile ModelRound round;
  private volatile String abortNotice;
  private volatile Thread worker;
  private volatile boolean answering;

  TurnTask(EngineParts parts, IncomingMessage message, ChannelSettings settings,
      TurnSequencer.Ticket ticket, ReplySink sink) {
    this.parts = parts;
    this.message = message;
    this.settings = settings;
    this.ticket = ticket;
    String platform = message.conversation().platform();
    this.throttle = new EditThrottle(sink, settings.replyCadence(),
        rateLimited -> parts.observer().editSent(platform, rateLimited));
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
    try {
      throttle.start();
      ticket.awaitTurn(parts.maxWaitForTurn());
      answering = true;
      outcome = answer();
    } catch (TimeoutException e) {
      throttle.fail(Notices.BUSY);
    } catch (InterruptedException | CancellationException e) {
      outcome = endEarly();
    } catch (RuntimeException e) {
      log.error("turn failed unexpectedly", e);
      try {
        throttle.fail("Something went wrong while answering; please try again.");
      } catch (RuntimeException unreachable) {
        // The reply never started (the platform refused the placeholder): nothing can be shown.
        log.warn("could not show the failure notice", unreachable);
      }
    } finally {
      ticket.close();
      MDC.clear();
      done.complete(outcome);
    }
  }

  private Outcome answer() throws InterruptedException {
    String model = parts.conversationSettings().model(message.conversation()).orElse(settings.model());
    Turn userTurn = Turn.user(message.text(), message.authorId(), message.authorName(),
        message.receivedAt(), parts.estimator().estimate(message.text()));
    List<Turn> history = new ArrayList<>(parts.history().load(message.conversation()));
    history.add(userTurn);
    List<ToolDefinition> tools = parts.tools().definitions(settings.enabledTools());
    List<ChatMessage> messages;
    try {
      int budget = parts.catalog().contextWindow(model) - parts.answerReserveTokens() - toolTokens(tools);
      messages = parts.assembler().assemble(settings.systemPrompt(), history, budget);
    } catch (PromptTooLongException e) {
      throttle.fail(Notices.promptTooLong(e, model));
      return Outcome.FAILED;
    }
    newTurns.add(userTurn);
    return converse(model, messages, tools);
  }

  private Outcome converse(String model, List<ChatMessage> messages, List<ToolDefinition> tools)
      throws InterruptedException {
    boolean correctedToolUse = false;
    for (int roundNo = 1; ; roundNo++) {
      ChatRequest request = request(model, messages, tools, roundNo);
      ChatCompletion completion;
      try {
        completion = streamWithFallbacks(request);
      } catch (ModelRound.Failure failure) {
        if (failure.error instanceof LlmErrors.ToolUseFailed bad && !correctedToolUse && abortNotice == null) {
          correctedToolUse = true;
          messages = new ArrayList<>(messages);
          messages.add(ChatMessage.system(correction(bad)));
          continue;
        }
        return failed(failure);
      }
      calibrate(request, completion);
      if (completion.finishReason() != FinishReason.TOOL_CALLS || !completion.hasToolCalls()) {
        return finished(completion);
      }
      messages = runTools(completion, messages);
    }
  }

  private ChatRequest request(String model, List<ChatMessage> messages, List<ToolDefinition> tools, int roundNo) {
    ChatRequest.Builder builder = ChatRequest.builder(model).messages(messages)
        .maxCompletionTokens(parts.answerReserveTokens())
        .user(message.conversation().platform() + ":" + Integer.toHexString(message.authorId().hashCode()));
    if (!tools.isEmpty()) {
      // The last round may not call tools, so the loop always ends in an answer.
      builder.tools(tools).toolChoice(roundNo >= MAX_ROUNDS ? ToolChoice.NONE : ToolChoice.AUTO);
    }
    return builder.build();
  }

  /** Tries the channel's fallback models when the first one is rate limited or unavailable. */
  private ChatCompletion streamWithFallbacks(ChatRequest request) throws ModelRound.Failure, InterruptedException {
    List<String> models = new ArrayList<>();
    models.add(request.model());
    models.addAll(settings.fallbackModels());
    ModelRound.Failure last = null;
    for (String model : models) {
      if (abortNotice != null) throw new CancellationException();
      round = ModelRound.start(parts.model(), request.toBuilder().model(model).build(), throttle, this::firstToken);
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
    List<ToolRunner.Result> results = parts.toolRunner().run(completion.toolCalls(), settings.enabledTools(),
        callId -> new ToolContext(callId, eventId(), message.authorId(), message.authorName(), message.conversation(),
            message.permalink(), toolUsage));
    throttle.status(null);
    if (abortNotice != null) throw new CancellationException();
    List<ChatMessage> next = new ArrayList<>(messages);
    next.add(ChatMessage.assistant(said, completion.toolCalls()));
    newTurns.add(Turn.toolCalls(said, completion.toolCalls(), Instant.now(), completion.usage() == null ? 0 : completion.usage().completionTokens()));
    for (ToolRunner.Result result : results) {
      next.add(ChatMessage.tool(result.call().id(), result.content()));
      newTurns.add(Turn.toolResult(result.call().id(), result.content(), Instant.now(), parts.estimator().estimate(result.content())));
    }
    return next;
  }

  private Outcome finished(ChatCompletion completion) {
    String text = throttle.text();
    if (completion.finishReason() == FinishReason.CONTENT_FILTER) {
      newTurns.add(Turn.assistantInterrupted(text, Instant.now(), parts.estimator().estimate(text)));
      throttle.fail("The answer was withheld by the model's content filter.");
      record();
      return Outcome.FAILED;
    }
    if (completion.finishReason() == FinishReason.LENGTH) {
      newTurns.add(Turn.assistantInterrupted(text, Instant.now(), parts.estimator().estimate(text)));
      throttle.fail("The answer reached its length limit and was cut off.");
      record();
      return Outcome.ANSWERED;
    }
    newTurns.add(Turn.assistant(text, Instant.now(), parts.estimator().estimate(text)));
    throttle.finish();
    record();
    return Outcome.ANSWERED;
  }

  private Outcome failed(ModelRound.Failure failure) {
    String text = throttle.text();
    log.warn("model failed code={} status={} textShown={}", failure.error.code(), failure.error.httpStatus(), !text.isEmpty());
    if (!text.isEmpty()) newTurns.add(Turn.assistantInterrupted(text, Instant.now(), parts.estimator().estimate(text)));
    throttle.fail(Notices.forModelError(failure.error, !text.isEmpty()));
    record();
    return Outcome.FAILED;
  }

  private Outcome endEarly() {
    Thread.interrupted(); // the interrupt did its job; the notice below must still be delivered
    String notice = abortNotice == null ? Notices.RESTARTING : abortNotice;
    String text = throttle.text();
    if (!newTurns.isEmpty()) {
      if (!text.isEmpty()) newTurns.add(Turn.assistantInterrupted(text, Instant.now(), parts.estimator().estimate(text)));
      record();
    }
    throttle.fail(notice);
    return Notices.STOPPED.equals(notice) ? Outcome.CANCELLED : Outcome.REJECTED;
  }

  /** Writes what this turn added, in one atomic append, while it still holds the conversation. */
  private void record() {
    if (newTurns.isEmpty()) return;
    if (!ticket.stillHeld()) log.warn("turn lease expired before its history was written; writing anyway");
    parts.history().append(message.conversation(), List.copyOf(newTurns));
    newTurns.clear();
  }

  /** The message's event id; without one, an id of this turn, so its tool calls still key apart. */
  private String eventId() {
    return message.eventId() != null ? message.eventId() : turnId;
  }

  private void firstToken() {
    parts.observer().firstToken(message.conversation().platform(), Duration.between(message.receivedAt(), Instant.now()));
  }

  private void calibrate(ChatRequest request, ChatCompletion completion) {
    if (completion.usage() == null) return;
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

  private static String progressLine(ChatCompletion completion) {
    List<String> names = completion.toolCalls().stream().map(call -> call.name()).distinct().toList();
    if (names.equals(List.of("create_ticket"))) return "Creating ticket…";
    if (names.equals(List.of("lookup_ticket"))) return "Looking up ticket…";
    return "Running " + String.join(", ", names) + "…";
  }

  private static String correction(LlmErrors.ToolUseFailed bad) {
    return "Your previous tool call was rejected: " + bad.getMessage()
        + (bad.failedGeneration() == null ? "" : " You wrote: " + bad.failedGeneration())
        + " Call the tool again with arguments that are valid JSON and match its schema, or answer without tools.";
  }
}
