package dev.parley.core.api;

/**
 * Downloads one attachment's bytes from its platform (with the bot's credentials where the
 * platform needs them, such as Slack's {@code url_private}). Implemented by adapters.
 */
@FunctionalInterface
public interface AttachmentSource {

  /**
   * Fetches the whole file. Blocks; called on the core's worker thread, never on an event thread.
   *
   * @param maxBytes the most the core will take; a larger file is refused without being read whole
   * @throws AttachmentUnavailableException when the file cannot be fetched (gone, forbidden, a
   *     network fault) or is larger than {@code maxBytes}
   */
  byte[] download(long maxBytes);
}
