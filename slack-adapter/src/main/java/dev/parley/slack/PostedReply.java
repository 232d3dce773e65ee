package dev.parley.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import dev.parley.core.api.reply.MessageSplitter;
import dev.parley.core.api.reply.ReplyMessages.Controls;
import dev.parley.core.api.reply.ReplyMessages;
import java.util.List;

/**
 * A reply shown the classic way: {@code chat.postMessage}, then {@code chat.update} as the text
 * grows, and further messages in the thread once it no longer fits one. The core's
 * {@link ReplyMessages} decides what to send: only messages whose content or buttons changed, so
 * a render interrupted by a rate limit resumes where it stopped, and a reply that shrank deletes
 * ({@code chat.delete}) the messages it no longer needs. This class converts to mrkdwn and draws
 * the Block Kit. Not thread-safe: the engine calls a sink one call at a time.
 */
final class PostedReply {
  /** Plain messages fail with {@code msg_too_long} at about 4,000 characters. */
  static final int MESSAGE_LIMIT = 3_900;
  private static final String PLACEHOLDER = "_Thinking…_";

  private final MethodsClient methods;
  private final ReplyTarget target;
  private final String stopValue;
  private final ReplyMessages messages;
  private final SlackBudgets.Gate gate;
  /** What a finished answer shows: the thumbs, and "Talk to a person" where handoff is configured. */
  private final ReplyBlocks.Buttons finished;

  PostedReply(MethodsClient methods, ReplyTarget target, StopButtons stops) {
    this(methods, target, stops, SlackBudgets.Gate.OPEN, false);
  }

  /**
   * @param gate waits for the budget of each post and delete; the edits themselves are paced by
   *     the core's throttle, which took their turn already
   */
  PostedReply(MethodsClient methods, ReplyTarget target, StopButtons stops, SlackBudgets.Gate gate,
      boolean offerHandoff) {
    this.gate = gate;
    this.finished = offerHandoff ? ReplyBlocks.Buttons.FEEDBACK_AND_HANDOFF : ReplyBlocks.Buttons.FEEDBACK;
    this.methods = methods;
    this.target = target;
    this.stopValue = stops.value(target.key(), target.recipientUserId());
    this.messages = new ReplyMessages(new MessageSplitter(MESSAGE_LIMIT), new Messages());
  }

  /** Takes over a message that already exists, such as a stream Slack stopped accepting. */
  void adopt(String ts) {
    messages.adopt(ts);
  }

  void postPlaceholder() {
    messages.render(PLACEHOLDER, Controls.STOP);
  }

  /**
   * Shows {@code markdown} (the whole reply so far) with {@code buttons} under its last message.
   *
   * @throws SlackCallException when a call failed; messages shown before it stay recorded
   */
  void render(String markdown, ReplyBlocks.Buttons buttons) {
    // The one escaping path: nothing else touches the text between the model and Slack.
    String shown = SlackMarkdown.toMrkdwn(markdown);
    messages.render(shown.isBlank() ? PLACEHOLDER : shown, switch (buttons) {
      case NONE -> Controls.NONE;
      case STOP -> Controls.STOP;
      case FEEDBACK, FEEDBACK_AND_HANDOFF -> Controls.FINISHED;
    });
  }

  /** The timestamps of the messages shown so far, first to last. */
  List<String> timestamps() {
    return messages.messageIds();
  }

  /** The platform port: one Slack message per part, its buttons drawn by {@link ReplyBlocks}. */
  private final class Messages implements ReplyMessages.Platform {
    @Override
    public String put(String ts, String mrkdwn, Controls controls) {
      List<LayoutBlock> blocks = ReplyBlocks.render(mrkdwn, buttons(controls), target.key(), stopValue);
      if (ts == null) {
        gate.before("chat.postMessage");
        return SlackCalls.call("chat.postMessage", () -> methods.chatPostMessage(r -> r
            .channel(target.channel()).threadTs(target.threadTs()).text(mrkdwn).blocks(blocks)
            .unfurlLinks(false).unfurlMedia(false))).getTs();
      }
      SlackCalls.call("chat.update", () -> methods.chatUpdate(r -> r
          .channel(target.channel()).ts(ts).text(mrkdwn).blocks(blocks)));
      return ts;
    }

    @Override
    public void delete(String ts) {
      gate.before("chat.delete");
      SlackCalls.call("chat.delete", () -> methods.chatDelete(r -> r.channel(target.channel()).ts(ts)));
    }
  }

  private ReplyBlocks.Buttons buttons(Controls controls) {
    return switch (controls) {
      case NONE -> ReplyBlocks.Buttons.NONE;
      case STOP -> ReplyBlocks.Buttons.STOP;
      case FINISHED -> finished;
    };
  }
}
