package dev.parley.core.internal.engine;

import dev.parley.core.api.ChannelSettingsResolver;
import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.internal.access.NoticeGate;
import dev.parley.core.internal.attachments.AttachmentLimits;
import dev.parley.core.internal.attachments.AttachmentReader;
import dev.parley.core.internal.handoff.HandoffDesk;
import dev.parley.core.internal.history.HistoryStore;
import dev.parley.core.internal.history.PromptAssembler;
import dev.parley.core.internal.history.TokenEstimator;
import dev.parley.core.internal.llm.ChatModel;
import dev.parley.core.internal.llm.Transcriber;
import dev.parley.core.internal.observe.EngineObserver;
import dev.parley.core.internal.tickets.TicketQuota;
import dev.parley.core.internal.tickets.TicketStore;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.internal.tools.ToolRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link ConversationEngine}. Every store is required: the deploy module chooses Redis
 * or the in-memory twins, so the choice is made in one visible place.
 */
public final class ConversationEngineBuilder {
  /** About 4,000 tokens: a long question with a pasted log, far below any model's context. */
  public static final int DEFAULT_MAX_MESSAGE_CHARS = 16_000;
  /** Long enough for five model rounds and their tools; short enough that nobody waits forever. */
  public static final Duration DEFAULT_TURN_DEADLINE = Duration.ofMinutes(3);
  /** Groq's vision model: it takes up to five images per request and answers with tools and JSON like the others. */
  public static final String DEFAULT_VISION_MODEL = "meta-llama/llama-4-scout-17b-16e-instruct";

  private ChatModel chatModel;
  private HistoryStore history;
  private EventDeduplicator deduplicator;
  private TurnSequencer sequencer;
  private RequestLimiter limiter;
  private ConversationSettingsStore conversationSettings;
  private ChannelSettingsResolver channelSettings;
  private ToolRegistry tools = ToolRegistry.empty();
  private TicketStore tickets;
  private TicketQuota ticketQuota = TicketQuota.UNLIMITED;
  private FeedbackStore feedback = new InMemoryFeedbackStore();
  private EngineObserver observer = EngineObserver.NONE;
  private StopBroadcast stops;
  private AccessControl access = AccessControl.open();
  private int fallbackContextWindow = 8192;
  private int answerReserveTokens = 2048;
  private Duration toolTimeout = Duration.ofSeconds(30);
  private Duration maxWaitForTurn = Duration.ofMinutes(3);
  private Duration modelListTtl = Duration.ofMinutes(10);
  private int maxMessageChars = DEFAULT_MAX_MESSAGE_CHARS;
  private Duration turnDeadline = DEFAULT_TURN_DEADLINE;
  private TokenBudget tokenBudget = TokenBudget.UNLIMITED;
  private Duration limitNoticeWindow = Duration.ofMinutes(1);
  private String visionModel = DEFAULT_VISION_MODEL;
  private AttachmentLimits attachmentLimits = AttachmentLimits.DEFAULTS;
  private Transcriber transcriber = Transcriber.NONE;
  private HandoffDesk handoff;

  ConversationEngineBuilder() {}

  public ConversationEngineBuilder chatModel(ChatModel chatModel) { this.chatModel = chatModel; return this; }
  public ConversationEngineBuilder history(HistoryStore history) { this.history = history; return this; }
  public ConversationEngineBuilder deduplicator(EventDeduplicator deduplicator) { this.deduplicator = deduplicator; return this; }
  public ConversationEngineBuilder sequencer(TurnSequencer sequencer) { this.sequencer = sequencer; return this; }
  public ConversationEngineBuilder limiter(RequestLimiter limiter) { this.limiter = limiter; return this; }
  public ConversationEngineBuilder conversationSettings(ConversationSettingsStore store) { this.conversationSettings = store; return this; }
  public ConversationEngineBuilder channelSettings(ChannelSettingsResolver resolver) { this.channelSettings = resolver; return this; }
  public ConversationEngineBuilder tools(ToolRegistry tools) { this.tools = tools; return this; }
  public ConversationEngineBuilder tickets(TicketStore tickets) { this.tickets = tickets; return this; }
  /** The daily ticket cap that direct ticket commands count against; share it with {@code CreateTicketTool}. */
  public ConversationEngineBuilder ticketQuota(TicketQuota quota) { this.ticketQuota = quota; return this; }
  public ConversationEngineBuilder feedback(FeedbackStore feedback) { this.feedback = feedback; return this; }
  public ConversationEngineBuilder observer(EngineObserver observer) { this.observer = observer; return this; }
  /** How Stop reaches the instance that streams; defaults to this process only. */
  public ConversationEngineBuilder stops(StopBroadcast stops) { this.stops = stops; return this; }
  /** Who may regenerate another person's answer (admins); by default only the person who asked. */
  public ConversationEngineBuilder access(AccessControl access) { this.access = access; return this; }
  /** Used when the models endpoint does not report a model's context window. */
  public ConversationEngineBuilder fallbackContextWindow(int tokens) { this.fallbackContextWindow = tokens; return this; }
  /** Tokens kept free for the answer ({@code max_completion_tokens}). */
  public ConversationEngineBuilder answerReserveTokens(int tokens) { this.answerReserveTokens = tokens; return this; }
  public ConversationEngineBuilder toolTimeout(Duration timeout) { this.toolTimeout = timeout; return this; }
  /** How long a message waits behind earlier ones in its conversation before giving up. */
  public ConversationEngineBuilder maxWaitForTurn(Duration wait) { this.maxWaitForTurn = wait; return this; }

  /**
   * The longest message answered, in Unicode code points (what a person counts as characters:
   * an emoji is one). A longer one gets a notice, no model call, and nothing stored.
   */
  public ConversationEngineBuilder maxMessageChars(int chars) { this.maxMessageChars = chars; return this; }
  /**
   * How long one answer may take from the moment its turn comes (waiting behind earlier messages
   * is bounded by {@link #maxWaitForTurn} instead), tools included. At the deadline the answer
   * ends like a Stop: the text so far stays, with a notice, and is stored as cut off.
   */
  public ConversationEngineBuilder turnDeadline(Duration deadline) { this.turnDeadline = deadline; return this; }
  /** Each tenant's daily model tokens; unlimited unless set. */
  public ConversationEngineBuilder tokenBudget(TokenBudget budget) { this.tokenBudget = budget; return this; }
  /**
   * At most one "request limit reached" notice per conversation in this window; the other limited
   * messages of the conversation get none. One minute by default.
   */
  public ConversationEngineBuilder limitNoticeWindow(Duration window) { this.limitNoticeWindow = window; return this; }

  /**
   * The model that answers a question carrying images, whatever the conversation's model is (most
   * models refuse images); {@value #DEFAULT_VISION_MODEL} unless set.
   */
  public ConversationEngineBuilder visionModel(String model) { this.visionModel = model; return this; }
  /** How much of a message's attachments is downloaded and read. */
  public ConversationEngineBuilder attachmentLimits(AttachmentLimits limits) { this.attachmentLimits = limits; return this; }
  /** Turns voice messages into text; without one, each voice message gets a notice. */
  public ConversationEngineBuilder transcriber(Transcriber transcriber) { this.transcriber = transcriber; return this; }

  /**
   * Hands threads to people and keeps Parley quiet in them; without one, no thread is ever quiet
   * and the "Talk to a person" button is refused. Register its {@code EscalateToHumanTool} in
   * {@link #tools} for the model's way in.
   */
  public ConversationEngineBuilder handoff(HandoffDesk desk) { this.handoff = desk; return this; }

  public ConversationEngine build() {
    Objects.requireNonNull(chatModel, "chatModel");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(deduplicator, "deduplicator");
    Objects.requireNonNull(sequencer, "sequencer");
    Objects.requireNonNull(limiter, "limiter");
    Objects.requireNonNull(conversationSettings, "conversationSettings");
    Objects.requireNonNull(channelSettings, "channelSettings");
    Objects.requireNonNull(tickets, "tickets");
    Objects.requireNonNull(tokenBudget, "tokenBudget");
    Objects.requireNonNull(attachmentLimits, "attachmentLimits");
    Objects.requireNonNull(transcriber, "transcriber");
    if (visionModel == null || visionModel.isBlank()) throw new IllegalArgumentException("visionModel must be set");
    if (maxMessageChars < 1) throw new IllegalArgumentException("maxMessageChars must be positive");
    if (turnDeadline.isNegative() || turnDeadline.isZero()) throw new IllegalArgumentException("turnDeadline must be positive");
    if (answerReserveTokens >= fallbackContextWindow) {
      throw new IllegalArgumentException("answerReserveTokens must be smaller than fallbackContextWindow");
    }
    TokenEstimator estimator = new TokenEstimator();
    EngineParts parts = new EngineParts(chatModel, history,
        new ModelCatalog(chatModel, fallbackContextWindow, modelListTtl), estimator,
        new PromptAssembler(estimator), tools, new ToolRunner(tools, toolTimeout, observer),
        conversationSettings, observer, answerReserveTokens, maxWaitForTurn, maxMessageChars, turnDeadline, tokenBudget,
        visionModel, new AttachmentReader(attachmentLimits, transcriber));
    // Stores that can do a request's checks, or a turn's steps, in one round trip do them so.
    ConversationLine line = sequencer.lineWith(history, conversationSettings, tokenBudget,
        handoff == null ? null : handoff.store());
    return new ConversationEngine(parts, deduplicator.gateWith(limiter, tokenBudget), line, limiter,
        channelSettings, tickets, ticketQuota,
        feedback, stops == null ? StopBroadcast.local() : stops, new NoticeGate(limitNoticeWindow, 10_000, Clock.systemUTC()),
        Objects.requireNonNull(access, "access"), handoff);
  }
}
