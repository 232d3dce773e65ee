package dev.parley.core.api.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The messages one reply occupies on a platform that shows a long reply as several messages. Each
 * {@link #render} takes the whole text so far, splits it with the {@link MessageSplitter}, and
 * sends only what differs from what is shown: a message whose content and controls are unchanged
 * is left alone, a changed one is edited, a missing one is created.
 *
 * <p>A reply that shrank (the text so far was replaced by a shorter one) deletes its extra
 * messages, last first: what stays shown is exactly the reply, and no stale Stop button under an
 * orphaned message stays clickable.
 *
 * <p>When the {@link Platform} throws (a rate limit, say), the exception reaches the caller and
 * everything sent before it stays recorded, so the next render sends only what is still
 * different. A message created by a call that then threw is unknown, and is not retried as an edit.
 *
 * <p>Not thread-safe: one reply is rendered by one call at a time, as a {@link ReplySink} is called.
 */
public final class ReplyMessages {

  /** What the reply's last message offers under its text; each adapter draws its own buttons. */
  public enum Controls {
    /** No buttons: earlier messages of a reply, and replies that ended without an answer. */
    NONE,
    /** The reply is being written and can be stopped. */
    STOP,
    /** The reply is done: what a platform offers for a finished answer (feedback, regenerate). */
    FINISHED
  }

  /**
   * Where the messages go, implemented by an adapter. Calls block until the platform answered and
   * come one at a time from the thread rendering the reply.
   */
  public interface Platform {
    /**
     * Creates a message ({@code messageId} null) or replaces one this reply shows.
     *
     * @param content never null; what {@link MessageSplitter.Part#text()} gave, may be empty
     * @return the message's id: a new one for a create, {@code messageId} (or the platform's id
     *     for it) for an edit
     */
    String put(String messageId, String content, Controls controls);

    /** Deletes a message this reply no longer needs. */
    void delete(String messageId);
  }

  /** One message as shown; {@code content} null when unknown (an adopted message). */
  private record Shown(String id, String content, Controls controls) {}

  private final MessageSplitter splitter;
  private final Platform platform;
  private final List<Shown> shown = new ArrayList<>();

  public ReplyMessages(MessageSplitter splitter, Platform platform) {
    this.splitter = Objects.requireNonNull(splitter, "splitter");
    this.platform = Objects.requireNonNull(platform, "platform");
  }

  /**
   * Takes over a message that already exists as the reply's next one (Discord's deferred
   * interaction response, a Slack stream that stopped accepting text): the next render edits it
   * instead of creating one. Its content is unknown, so that render always edits it.
   */
  public void adopt(String messageId) {
    shown.add(new Shown(Objects.requireNonNull(messageId, "messageId"), null, null));
  }

  /**
   * Shows {@code text}, the whole reply so far, with {@code lastControls} under its last message
   * and none under the others.
   *
   * @throws RuntimeException whatever the {@link Platform} threw; a later render resumes
   */
  public void render(String text, Controls lastControls) {
    Objects.requireNonNull(lastControls, "lastControls");
    List<String> contents = splitter.texts(text);
    for (int i = 0; i < contents.size(); i++) {
      String content = contents.get(i);
      Controls controls = i == contents.size() - 1 ? lastControls : Controls.NONE;
      if (i < shown.size()) {
        Shown current = shown.get(i);
        if (content.equals(current.content()) && controls == current.controls()) continue;
        String id = platform.put(current.id(), content, controls);
        shown.set(i, new Shown(id, content, controls));
      } else {
        String id = platform.put(null, content, controls);
        shown.add(new Shown(Objects.requireNonNull(id, "put returned no id for a new message"), content, controls));
      }
    }
    while (shown.size() > contents.size()) {
      platform.delete(shown.getLast().id());
      shown.removeLast();
    }
  }

  /** The ids of the messages the reply occupies, first to last. */
  public List<String> messageIds() {
    return shown.stream().map(Shown::id).toList();
  }
}
