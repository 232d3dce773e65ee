package dev.parley.discord;

import dev.parley.core.api.reply.DisplayText;
import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.EditRejectedException;
import dev.parley.core.api.reply.ReplySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows one answer in Discord as it is written: the text so far is split by the
 * {@link MessageSplitter}, each part is one message, and only parts whose content changed are
 * edited. The last message carries a "Stop" button while the answer streams and a "Regenerate"
 * button once it is done. A status line (a tool at work) shows in italics under the text of the
 * last message until it is cleared or the reply ends: Discord shows the answer by editing
 * messages anyway, so the line costs an edit and breaks nothing; the typing indicator would only
 * say "busy" and lapses after ten seconds.
 *
 * <p>Every create and edit sets {@code allowed_mentions} explicitly, empty unless the asking user
 * may be pinged: whatever the model writes ({@code @everyone}, roles, users) pings nobody else.
 *
 * <p>Intermediate updates bypass JDA's rate-limit queue so that a 429 surfaces as an
 * {@link EditRejectedException} and the core's throttle waits and sends newer text. The first
 * and last renders go through the queue, where JDA honours the headers and retries: they are
 * never lost. Not thread-safe: the core calls one reply's sink one call at a time.
 */
public final class DiscordReplySink implements ReplySink {
  private static final Logger log = LoggerFactory.getLogger(DiscordReplySink.class);
  static final String PLACEHOLDER = "\u23f3 _Thinking\u2026_";

  private final ReplyTarget target;
  private final MessageSplitter splitter;
  private final EditBudget budget;
  private final ReplyButtons.Ids buttons;
  private final List<String> pingableUserIds;
  private final Consumer<List<String>> whenDone;
  private final List<Shown> shown = new ArrayList<>();
  private boolean started;
  private String textSoFar = "";
  private String statusLine;

  /** What one message of the reply shows now. */
  private record Shown(String id, String content, String buttonId) {}

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
    this.splitter = Objects.requireNonNull(splitter, "splitter");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.buttons = Objects.requireNonNull(buttons, "buttons");
    this.pingableUserIds = List.copyOf(pingableUserIds);
    this.whenDone = Objects.requireNonNull(whenDone, "whenDone");
    if (existingMessageId != null) shown.add(new Shown(existingMessageId, "", null));
  }

  @Override
  public void start() {
    started = true;
    renderPaced(PLACEHOLDER, buttons.stop());
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
      render(shown.isBlank() ? PLACEHOLDER : shown, buttons.stop(), false);
    } catch (RateLimitedException e) {
      throw new EditRejectedException("Discord rate-limited an edit in channel " + target.channelId(),
          Duration.ofMillis(Math.max(e.getRetryAfter(), 1)));
    }
  }

  @Override
  public void finish(String finalText) {
    renderPaced(finalText.isBlank() ? "_(empty answer)_" : finalText, buttons.regenerate());
    whenDone.accept(messageIds());
  }

  @Override
  public void fail(String partialText, String notice) {
    if (!started && shown.isEmpty()) {
      // A refusal without an answer: one message, no buttons, and (for a mention) no thread.
      try {
        shown.add(new Shown(target.createNotice(create(withNotice(partialText, notice), null)), "", null));
      } catch (RateLimitedException e) {
        throw new IllegalStateException("a paced request cannot be rate-limited", e);
      }
      return;
    }
    renderPaced(withNotice(partialText, notice), buttons.regenerate());
    whenDone.accept(messageIds());
  }

  @Override
  public EditBudget budget() {
    return budget;
  }

  /** The partial text stays visible; an open code block is closed so the notice reads as text. */
  static String withNotice(String partialText, String notice) {
    String line = "\u26a0\ufe0f _" + notice + "_";
    if (partialText.isBlank()) return line;
    boolean insideCode = MessageSplitter.fenceStateAfter(partialText, null) != null;
    String closed = insideCode ? partialText + (partialText.endsWith("\n") ? "```" : "\n```") : partialText;
    return closed + "\n\n" + line;
  }

  /** The text so far with the status line under it, outside any code block left open. */
  static String withStatus(String textSoFar, String line) {
    String status = "\u23f3 _" + line + "_";
    if (textSoFar.isBlank()) return status;
    boolean insideCode = MessageSplitter.fenceStateAfter(textSoFar, null) != null;
    String closed = insideCode ? textSoFar + (textSoFar.endsWith("\n") ? "```" : "\n```") : textSoFar;
    return closed + "\n\n" + status;
  }

  List<String> messageIds() {
    return shown.stream().map(Shown::id).toList();
  }

  private void renderPaced(String text, String lastButtonId) {
    try {
      render(text, lastButtonId, true);
    } catch (RateLimitedException e) {
      throw new IllegalStateException("a paced request cannot be rate-limited", e);
    }
  }

  private void render(String text, String lastButtonId, boolean paced) throws RateLimitedException {
    List<MessageSplitter.Part> parts = splitter.split(DisplayText.clean(text));
    for (int i = 0; i < parts.size(); i++) {
      String content = parts.get(i).text();
      String buttonId = i == parts.size() - 1 ? lastButtonId : null;
      if (i < shown.size()) {
        Shown current = shown.get(i);
        if (current.content().equals(content) && Objects.equals(current.buttonId(), buttonId)) continue;
        target.edit(current.id(), edit(content, buttonId), paced);
        shown.set(i, new Shown(current.id(), content, buttonId));
      } else {
        String id = target.create(create(content, buttonId), paced);
        shown.add(new Shown(id, content, buttonId));
      }
    }
    // A reply that got shorter (the core replaced its text) leaves messages behind: they keep
    // their text but lose their buttons, so no stale Stop button stays clickable.
    for (int i = parts.size(); i < shown.size(); i++) {
      Shown extra = shown.get(i);
      if (extra.buttonId() == null) continue;
      log.warn("reply shrank to {} messages; channel={} message={}", parts.size(), target.channelId(), extra.id());
      target.edit(extra.id(), edit(extra.content(), null), paced);
      shown.set(i, new Shown(extra.id(), extra.content(), null));
    }
  }

  private net.dv8tion.jda.api.utils.messages.MessageEditData edit(String content, String buttonId) {
    return new MessageEditBuilder()
        .setContent(content)
        .setAllowedMentions(List.of())
        .mentionUsers(pingableUserIds)
        .setComponents(components(buttonId))
        .build();
  }

  private net.dv8tion.jda.api.utils.messages.MessageCreateData create(String content, String buttonId) {
    return new MessageCreateBuilder()
        .setContent(content)
        .setAllowedMentions(List.of())
        .mentionUsers(pingableUserIds)
        .setComponents(components(buttonId))
        .build();
  }

  private static List<ActionRow> components(String buttonId) {
    return buttonId == null ? List.of() : List.of(ActionRow.of(ReplyButtons.button(buttonId)));
  }
}
