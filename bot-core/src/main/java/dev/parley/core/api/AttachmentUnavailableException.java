package dev.parley.core.api;

/** An attachment could not be fetched, or was larger than the core takes. The message says why, readably. */
public final class AttachmentUnavailableException extends RuntimeException {
  private final boolean tooLarge;

  public AttachmentUnavailableException(String message, boolean tooLarge, Throwable cause) {
    super(message, cause);
    this.tooLarge = tooLarge;
  }

  public static AttachmentUnavailableException tooLarge(String name, long maxBytes) {
    return new AttachmentUnavailableException(name + " is larger than " + maxBytes + " bytes", true, null);
  }

  /** Whether the file was refused for its size rather than for a fault. */
  public boolean tooLarge() {
    return tooLarge;
  }
}
