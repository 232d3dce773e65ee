package dev.parley.discord;

import dev.parley.core.api.reply.DisplayText;
import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.EditRejectedException;
import dev.parley.core.api.reply.MessageSplitter;
import dev.parley.core.api.reply.ReplyMessages.Controls;
import dev.parley.core.api.reply.ReplyMessages;
import dev.parley.core.api.reply.ReplyNotice;
import dev.parley.core.api.reply.ReplySink;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Shows one answer in Discord as it is written: the core's {@link ReplyMessages} splits the text
 * so far into messages of at most {@link #MESSAGE_LIMIT} characters and sends only what changed;
 * this class draws the buttons and talks to the {@link ReplyTarget}. The last message carries a
 * "Stop" button while the answer streams, and "Regenerate" with the feedback buttons once it is
 * done ({@link ReplyButtons#row}). A reply that shrank deletes its extra messages, so no stale
 * Stop button stays. A status line (a tool at work) shows in italics under the text of the last
 * message until it is cleared or the reply ends: Discord shows the answer by editing messages
 * anyway, so the line costs an edit and breaks nothing; the typing indicator would only say
 * "busy" and lapses after ten seconds.
 *
 * <p>Every create and edit sets {@code allowed_mentions} explicitly, empty unless the asking user
 * may be pinged: whatever the model writes ({@code @everyone}, roles, users) pings nobody else.
 *
 * <p>Intermediate updates bypass JDA's rate-limit queue so that a 429 surfaces as an
 * {@link EditRejectedException} and the core's throttle waits and sends newer text. The first
 * and last renders go through the queue, where JDA honours the headers and retries: they are
 * never lost (an interaction's edits skip JDA's queue altogether and do the same themselves,
 * {@link WebhookEdits}). Not thread-safe: the core calls one reply's sink one call at a time.
 */
final class DiscordReplySink implements ReplySink {
  /** Discord refuses message content longer than 2,000 characters. */
  public static final int MESSAGE_LIMIT = 2000;
  static final String PLACEHOLDER = "\u23f3 _Thinking\u2026_";

  private final ReplyTarget target;
  private final EditBudget budget;
  private final ReplyButtons.Ids buttons;
  private final List<String> pingableUserIds;
  private final Consumer<List<String>> whenDone;
  private final ReplyMessages messages;
  private final boolean startsInDeferredResponse;
  /** Whether the render in progress goes through JDA's rate-limit queue. */
  private boolean paced;
  private boolean started;
  private String textSoFar = "";
  private String statusLine;

  /**
   * @param existingMessageId a message the reply starts in (the deferred interaction response),
   *     or null to create the first message
   * @param pingableUserIds users the reply may mention; usually empty
   * @param whenDone gets the ids of the reply's messages once the last render succeeded (the core
   *     retries a failed one; a reply that never ends cleanly never calls it)
   */
  DiscordReplySink(ReplyTarget target, String existingMessageId, MessageSplitter splitter, EditBudget budget,
      ReplyButtons.Ids buttons, List<String> pingableUserIds, Consumer<List<String>> whenDone) {
    this.target = Objects.requireNonNull(target, "target");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.buttons = Objects.requireNonNull(buttons, "buttons");
    this.pingableUserIds = List.copyOf(pingableUserIds);
    this.whenDone = Objects.requireNonNull(whenDone, "whenDone");
    this.messages = new ReplyMessages(splitter, new Messages());
    this.startsInDeferredResponse = existingMessageId != null;
    if (existingMessageId != null) messages.adopt(existingMessageId);
  }

  /**
   * Posts the placeholder, with the Stop button, in a reply of channel messages. A reply that
   * starts in a deferred interaction response posts nothing: Discord already shows "Parley is
   * thinking…" there, and the first words bring the Stop button. The edit would cost one of the
   * five its interaction token's webhook may make in five seconds, and a three-second answer needs
   * all five (first words, one a second, the final text): with a placeholder as well, the final edit
   * waited for the placeholder's to leave Discord's window, almost two seconds (the load benchmark,
   * docs/benchmarks.md).
   */
  @Override
  public void start() {
    started = true;
    if (startsInDeferredResponse) return;
    // The placeholder is a call like any other: it takes its turn, ahead of streaming edits, or
    // Discord's count and ours drift apart.
    budget.awaitOneShot();
    renderPaced(PLACEHOLDER, Controls.STOP);
  }

  @Override
  public void update(String textSoFar) {
    this.textSoFar = textSoFar;
    renderStreaming();
  }

  @Override
  public void status(String line) {
    statusLine = line == null || line.isBlank() ? null : line.strip();
    renderStreaming();
  }

  private void renderStreaming() {
    String shown = statusLine == null ? textSoFar : withStatus(textSoFar, statusLine);
    try {
      paced = false;
      messages.render(DisplayText.clean(shown.isBlank() ? PLACEHOLDER : shown), Controls.STOP);
    } catch (RateLimited e) {
      throw new EditRejectedException("Discord rate-limited an edit in channel " + target.channelId(),
          Duration.ofMillis(Math.max(e.getCause().getRetryAfter(), 1)));
    }
  }

  @Override
  public void finish(String finalText) {
    renderPaced(finalText.isBlank() ? "_(empty answer)_" : finalText, Controls.FINISHED);
    whenDone.accept(messageIds());
  }

  @Override
  public void fail(String partialText, String notice) {
    if (!started && messageIds().isEmpty()) {
      // A refusal without an answer: one message, no buttons, and (for a mention) no thread.
      try {
        target.createNotice(create(DisplayText.clean(withNotice(partialText, notice)), Controls.NONE));
      } catch (RateLimitedException e) {
        throw new IllegalStateException("a paced request cannot be rate-limited", e);
      }
      return;
    }
    renderPaced(withNotice(partialText, notice), Controls.FINISHED);
    whenDone.accept(messageIds());
  }

  @Override
  public EditBudget budget() {
    return budget;
  }

  /** The core's notice format (an open code block closed first), in Discord's warning look. */
  static String withNotice(String partialText, String notice) {
    return ReplyNotice.after(partialText, "\u26a0\ufe0f _" + notice + "_");
  }

  /** The text so far with the status line under it, outside any code block left open. */
  static String withStatus(String textSoFar, String line) {
    return ReplyNotice.after(textSoFar, "\u23f3 _" + line + "_");
  }

  List<String> messageIds() {
    return messages.messageIds();
  }

  private void renderPaced(String text, Controls controls) {
    paced = true;
    messages.render(DisplayText.clean(text), controls);
  }

  /** The platform port: Discord messages with this reply's buttons and mention rules. */
  private final class Messages implements ReplyMessages.Platform {
    @Override
    public String put(String messageId, String content, Controls controls) {
      try {
        if (messageId == null) return target.create(create(content, controls), paced);
        target.edit(messageId, edit(content, controls), paced);
        return messageId;
      } catch (RateLimitedException e) {
        throw new RateLimited(e);
      }
    }

    @Override
    public void delete(String messageId) {
      try {
        target.delete(messageId, paced);
      } catch (RateLimitedException e) {
        throw new RateLimited(e);
      }
    }
  }

  /** Carries JDA's checked 429 through the core's port; only an unpaced request throws it. */
  private static final class RateLimited extends RuntimeException {
    RateLimited(RateLimitedException cause) {
      super(cause);
    }

    @Override
    public synchronized RateLimitedException getCause() {
      return (RateLimitedException) super.getCause();
    }
  }

  private String buttonId(Controls controls) {
    return switch (controls) {
      case NONE -> null;
      case STOP -> buttons.stop();
      case FINISHED -> buttons.regenerate();
    };
  }

  private MessageEditData edit(String content, Controls controls) {
    return new MessageEditBuilder()
        .setContent(content)
        .setAllowedMentions(List.of())
        .mentionUsers(pingableUserIds)
        .setComponents(components(buttonId(controls)))
        .build();
  }

  private MessageCreateData create(String content, Controls controls) {
    return new MessageCreateBuilder()
        .setContent(content)
        .setAllowedMentions(List.of())
        .mentionUsers(pingableUserIds)
        .setComponents(components(buttonId(controls)))
        .build();
  }

  private List<ActionRow> components(String buttonId) {
    return buttonId == null ? List.of() : List.of(ActionRow.of(buttons.rowFor(buttonId)));
  }
}
