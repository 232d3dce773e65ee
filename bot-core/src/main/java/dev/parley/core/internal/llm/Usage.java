package dev.parley.core.internal.llm;

/** Token counts and server timings (seconds) as Groq reports them on the final chunk. */
public record Usage(
    int promptTokens,
    int completionTokens,
    int totalTokens,
    double queueTime,
    double promptTime,
    double completionTime,
    double totalTime) {}
