package dev.parley.core.internal.history;

/** The newest message alone does not fit the model's context window: the user must shorten it. */
public final class PromptTooLongException extends RuntimeException {
  private final int messageTokens;
  private final int budget;

  public PromptTooLongException(int messageTokens, int budget) {
    super("the message needs about " + messageTokens + " tokens, but only " + budget + " fit");
    this.messageTokens = messageTokens;
    this.budget = budget;
  }

  public int messageTokens() {
    return messageTokens;
  }

  public int budget() {
    return budget;
  }
}
