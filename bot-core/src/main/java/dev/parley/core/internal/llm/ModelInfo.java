package dev.parley.core.internal.llm;

/**
 * One entry of {@code GET /models}. Parsed leniently: absent numbers are null.
 *
 * @param contextWindow tokens the model accepts in total, or null if not reported
 * @param maxCompletionTokens the largest answer, or null if not reported
 */
public record ModelInfo(
    String id, String ownedBy, boolean active, Integer contextWindow, Integer maxCompletionTokens) {}
