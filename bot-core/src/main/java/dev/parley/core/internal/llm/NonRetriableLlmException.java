package dev.parley.core.internal.llm;

/** A failure that trying again will not fix: bad key, bad request, unknown model, and so on. */
public non-sealed class NonRetriableLlmException extends LlmException {
  public NonRetriableLlmException(String message, int httpStatus, String code, Throwable cause) {
    super(message, httpStatus, code, cause);
  }
}
