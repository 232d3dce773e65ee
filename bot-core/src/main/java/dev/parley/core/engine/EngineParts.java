package dev.parley.core.engine;

import dev.parley.core.conversation.HistoryStore;
import dev.parley.core.conversation.PromptAssembler;
import dev.parley.core.conversation.TokenEstimator;
import dev.parley.core.llm.ChatModel;
import dev.parley.core.tools.ToolRegistry;
import dev.parley.core.tools.ToolRunner;
import java.time.Duration;

/**
 * What every turn shares, gathered so a turn's constructor stays short.
 *
 * @param maxMessageChars the longest user message answered, in code points
 * @param turnDeadline how long one answer may take once its turn came, tools included
 * @param tokenBudget each tenant's daily model tokens
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
    TokenBudget tokenBudget) {}
