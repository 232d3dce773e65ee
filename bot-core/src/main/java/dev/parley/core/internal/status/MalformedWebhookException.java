package dev.parley.core.internal.status;

/** A correctly signed webhook whose body is not the JSON its sender documents. */
public final class MalformedWebhookException extends IllegalArgumentException {
  public MalformedWebhookException(String message) {
    super(message);
  }

  public MalformedWebhookException(String message, Throwable cause) {
    super(message, cause);
  }
}
