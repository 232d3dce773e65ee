package dev.parley.core.internal.engine;

import dev.parley.core.internal.attachments.AttachmentReader;
import dev.parley.core.internal.history.HistoryStore;
import dev.parley.core.internal.history.PromptAssembler;
import dev.parley.core.internal.history.TokenEstimator;
import dev.parley.core.internal.llm.ChatModel;
import dev.parley.core.internal.observe.EngineObserver;
import dev.parley.core.internal.tools.ToolRegistry;
import dev.parley.core.internal.tools.ToolRunner;
import java.time.Duration;

/**
 * What every turn shares, gathered so a turn's constructor stays short.
 *
 * @param maxMessageChars the longest user message answered, in code points
 * @param turnDeadline how long one answer may take once its turn came, tools included
 * @param tokenBudget each tenant's daily model tokens
 * @param visionModel the model that answers questions carrying images
 * @param attachments reads what comes attached to a message
 */
record EngineParts(
    ChatModel model,
    HistoryStore history,
    ModelCatalog catalog,
    TokenEstimator estimator,
    PromptAssembler assembler,
    ToolRegistry tools,
    ToolRunner toolRunner,
    ConversationSettingsStore conversationSettings,
    EngineObserver observer,
    int answerReserveTokens,
    Duration maxWaitForTurn,
    int maxMessageChars,
    Duration turnDeadline,
    TokenBudget tokenBudget,
    String visionModel,
    AttachmentReader attachments) {}
